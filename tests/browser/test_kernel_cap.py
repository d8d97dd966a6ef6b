"""Kernels started on demand under `ickit serve`: a cap with a kind page beyond it, none for an
address that cannot be served, and none left behind by a page that never reached its visitor.

The server here has no pools and a cap of one, so every page starts a kernel on demand and the
second at once is one too many."""

import concurrent.futures
import os
import signal
import socket
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest

NOTEBOOK = "contents.ipynb"
CAPPED = """
import sys
from ickit.content import load_content
from ickit.serve import DASHBOARD_DIR, ServeOptions, run_voila, voila_config
config = voila_config(ServeOptions(port=int(sys.argv[1]), open_browser=False, dashboards=("contents",)),
                      load_content(), budget=1)
config.VoilaKernelManager.kernel_pools_config = {"default": {"pool_size": 0}}
run_voila(config, DASHBOARD_DIR)
"""


def wait_for(condition, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return condition()


def get(url: str, timeout: float = 120):
    """Status, headers and text of ``url``, which must come whole within ``timeout`` seconds (a
    page that never ends is sent a line every 10 s, so a socket timeout would never strike)."""
    def fetch():
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                return response.status, response.headers, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as err:
            return err.code, err.headers, err.read().decode("utf-8", "replace")

    pool = concurrent.futures.ThreadPoolExecutor(1)
    try:
        return pool.submit(fetch).result(timeout=timeout)
    finally:
        pool.shutdown(wait=False)


@pytest.fixture(scope="module")
def capped(start_command):
    return start_command(lambda port: [sys.executable, "-c", CAPPED, str(port)])


@pytest.fixture
def empty(capped):
    """The capped server with no kernel running (the kernels a test leaves are ended)."""
    yield capped
    for pid in capped.kernels():
        os.kill(pid, signal.SIGKILL)
    assert wait_for(lambda: not capped.kernels()), "a kernel was left running"
    time.sleep(4)  # the server notices a dead kernel within 3 s and frees its place


@pytest.mark.parametrize("template", ["nope", "lab", "classic", "reveal", "base", "../ickit"])
def test_a_template_the_kit_does_not_serve_is_no_page_and_starts_no_kernel(empty, template):
    status, _, body = get(f"{empty.url(NOTEBOOK)}?template={quote(template)}", timeout=30)
    assert status == 404 and "There is no such page" in body
    assert not empty.kernels()


def test_a_visitor_beyond_the_cap_gets_the_room_is_full_page(empty):
    status, _, body = get(empty.url(NOTEBOOK))
    assert status == 200 and "jupyter-config-data" in body
    assert len(empty.kernels()) == 1
    status, headers, body = get(empty.url(NOTEBOOK), timeout=30)
    assert status == 503 and "The room is full" in body and "try again in a minute" in body.lower()
    assert headers["Retry-After"] == "60" and len(empty.kernels()) == 1
    # the kernel ends (its visitor gone, culled or dead): its place is free again
    os.kill(empty.kernels().pop(), signal.SIGKILL)
    assert wait_for(lambda: get(empty.url(NOTEBOOK))[0] == 200, timeout=60)


def test_the_kernel_of_a_page_nobody_received_is_shut_down(empty):
    host, port = "127.0.0.1", empty.port
    with socket.create_connection((host, port), timeout=30) as client:
        client.sendall(f"GET /voila/render/{NOTEBOOK} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
        assert wait_for(lambda: empty.kernels(), timeout=60), "no kernel was started"
    # the visitor went away before the page was written: nobody will connect to that kernel
    assert wait_for(lambda: not empty.kernels(), timeout=60), "its kernel is still running"
    assert "its page never reached anyone" in empty.log_text()


POOLED = """
import sys
from ickit.content import load_content
from ickit.serve import DASHBOARD_DIR, ServeOptions, run_voila, voila_config
config = voila_config(ServeOptions(port=int(sys.argv[1]), open_browser=False, dashboards=("contents",),
                                   expect=2, refill_delay=0), load_content(), budget=3)
run_voila(config, DASHBOARD_DIR)
"""


def test_pools_are_refilled_only_within_the_kernel_limit(start_command):
    """A pool of 2 under a limit of 3: its first kernel taken is replaced, the second is not (3
    held), the replacement serves a third visitor, and a fourth finds the room full. Before, each
    kernel taken was replaced, whatever the server already held."""
    server = start_command(lambda port: [sys.executable, "-c", POOLED, str(port)])
    for visitor in range(3):
        status, _, body = get(server.url(NOTEBOOK))
        assert status == 200 and "jupyter-config-data" in body, f"visitor {visitor + 1}"
    status, _, body = get(server.url(NOTEBOOK), timeout=30)
    assert status == 503 and "The room is full" in body
    time.sleep(2)  # a replacement would have started by now (the refill delay is 0)
    assert len(server.kernels()) == 3


def test_a_page_that_cannot_be_drawn_ends_with_a_notice(serve_folder, tmp_path, monkeypatch):
    """Its rendering raises after its kernel started on demand (here the kernel dies before it
    answers; a kernel too slow to answer fails the same way and lives on): the page used to wait
    for ever, sent a heartbeat every few seconds, and kept any kernel it had."""
    import json

    import nbformat

    spec = tmp_path / "jupyter" / "kernels" / "ickit-test-dies"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-c", "import sys; sys.exit(3)", "{connection_file}"],
        "display_name": "A kernel that dies at once", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("1 + 1")]
    notebook.metadata["kernelspec"] = {"name": "ickit-test-dies", "display_name": "dies",
                                       "language": "python"}
    (tmp_path / "pages").mkdir()
    nbformat.write(notebook, tmp_path / "pages" / "broken.ipynb")
    server = serve_folder(tmp_path / "pages")
    status, _, body = get(server.url("broken.ipynb"), timeout=90)
    assert status == 200 and "This page could not be drawn. Reload it to try again." in body
    assert wait_for(lambda: not server.kernels(), timeout=30), "a kernel is still running"
    assert "ickit: a page could not be drawn" in server.log_text()
