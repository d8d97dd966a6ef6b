"""The browser harness: a Voila server started as ``ickit serve`` starts it, and a watched page.

Fixtures for every dashboard's browser tests:
- ``voila_server`` (session): ``.base_url``, ``.url("name.ipynb")`` (the render URL), ``.token``,
  ``.kernels()`` (its kernels' process ids), ``.stop()``;
  ``start_voila(*options)`` (session) starts another, e.g. ``start_voila("--public")``;
  ``serve_folder(root)`` (session) serves a folder of the test's own notebooks the same way;
  ``start_command(command)`` (session) starts a server with ``command(port)``, a list of arguments.
- ``page``: a Playwright page in Debian's Chromium. Console errors, page errors, failed requests
  and any request to a non-loopback address (aborted) fail the test at teardown. A test that must
  accept a known message marks itself ``@pytest.mark.allow_console("regex", ...)``.
- ``open_dashboard(page, voila_server, "name.ipynb")``: go there and wait until widgets render.
- ``page_checks`` (``from page_checks import ...``): scripts for ``page.evaluate`` that check what
  a page shows, and the accessibility checks every page of the kit gets (WCAG 2.2 AA):
  - ``axe_check(page, where, include=None)``: runs axe-core (bundled by axe-playwright-python,
    nothing fetched) on the page as it is now, or on the elements matching the CSS selector
    ``include``; fails on any serious or critical finding, and on a moderate or minor one unless
    ``axe_allowed.yaml`` lists it, with its reason, for pages named like ``where``. Name the page
    and its state, e.g. ``axe_check(page, "dashboard:rooms.ipynb 390x844 after a warning")``, and
    call it in each state (tab or part open, after a warning, after a file is loaded) at
    1280x800 and at 390x844 (``page.set_viewport_size``).
  - ``WIDER_THAN_SCREEN`` (nothing wider than the screen or scrolling sideways) and
    ``CONTROLS_OPERABLE`` (every control on screen, 24 px or more, not covered): ``assert not
    page.evaluate(...)`` at 390 px wide.
  - ``tab_to(page, name_regex, shift=False)``: presses Tab until the focused element's name
    matches, failing where the focus does not show; for keyboard-only tests.
  tests/browser/test_accessibility.py uses them all on the kit's dashboards.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import pytest

from ickit.serve import server_env

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 60_000
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def pytest_configure(config):
    config.addinivalue_line("markers", "allow_console(*patterns): console messages to accept")


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class VoilaServer:
    """A running ``ickit serve`` on loopback."""

    port: int
    process: subprocess.Popen
    log: Path
    token: str = ""

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def url(self, notebook: str) -> str:
        return f"{self.base_url}voila/render/{notebook}"

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def kernels(self) -> set[int]:
        """The process ids of the server's kernels (its child processes)."""
        found = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == self.process.pid:
                found.add(int(stat.parent.name))
        return found

    def stop(self) -> None:
        """Stop the server now (the fixture that started it would at the end)."""
        stop_server(self)


def start_server(tmp_dir: Path, *args: str, timeout: float = 180,
                 command: Callable[[int], list[str]] | None = None, port: int = 0) -> VoilaServer:
    """Start ``python -m ickit serve --no-browser`` with ``args`` (or ``command(port)``) on
    ``port`` (default a free one) and wait until it answers and says it is ready (every
    preheated kernel has drawn its dashboard), as a trainer would."""
    port = port or free_port()
    log = tmp_dir / f"voila-{port}.log"
    # workshop rooms in a file of this server's own, unless the test gives --rooms
    env = {**os.environ, **server_env(), "PYTHONUNBUFFERED": "1",
           "ICKIT_ROOMS": str(tmp_dir / "rooms.sqlite")}
    argv = command(port) if command else [sys.executable, "-m", "ickit", "serve", "--port", str(port),
                                          "--no-browser", *args]
    with log.open("wb") as out:
        process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = VoilaServer(port, process, log)
    match = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"ickit serve stopped (exit {process.returncode}):\n"
                               f"{server.log_text()}")
        match = match or re.search(r"\?token=([\w-]+)", server.log_text())
        if "ickit: ready:" in server.log_text():
            try:
                urllib.request.urlopen(f"{server.base_url}voila/static/ickit.css",
                                       timeout=5).close()
                server.token = match.group(1) if match else ""
                return server
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
        time.sleep(0.5)
    stop_server(server)
    raise RuntimeError(f"ickit serve was not ready within {timeout} s:\n{server.log_text()}")


def stop_server(server: VoilaServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)


@pytest.fixture(scope="session")
def start_voila(tmp_path_factory):
    """A function starting ``ickit serve`` with more options; every server stops at the end."""
    servers = []

    def start(*args: str) -> VoilaServer:
        servers.append(start_server(tmp_path_factory.mktemp("voila"), *args))
        return servers[-1]

    yield start
    for server in servers:
        stop_server(server)


# ickit serve's configuration, without its pools, over the folder in argv[2], on port argv[1]
SERVE_FOLDER = """
import sys
from pathlib import Path
from ickit.content import load_content
from ickit.serve import ServeOptions, run_voila, voila_config
root = Path(sys.argv[2])
config = voila_config(ServeOptions(port=int(sys.argv[1]), open_browser=False, root=root),
                      load_content(), budget=1)
config.VoilaKernelManager.kernel_pools_config = {"default": {"pool_size": 0}}
config.CappedKernelManager.kernel_limit = 0  # no cap: a test may open many pages
run_voila(config, root)
"""


@pytest.fixture(scope="session")
def serve_folder(tmp_path_factory):
    """A function serving a folder of notebooks as ``ickit serve`` serves the dashboards (with no
    kernels started in advance); every server stops at the end."""
    servers = []

    def serve(root: Path) -> VoilaServer:
        servers.append(start_server(tmp_path_factory.mktemp("voila"), command=lambda port: [
            sys.executable, "-c", SERVE_FOLDER, str(port), str(root)]))
        return servers[-1]

    yield serve
    for server in servers:
        stop_server(server)


@pytest.fixture(scope="session")
def start_command(tmp_path_factory):
    """A function starting a server with ``command(port)``; every server stops at the end."""
    servers = []

    def start(command: Callable[[int], list[str]]) -> VoilaServer:
        servers.append(start_server(tmp_path_factory.mktemp("voila"), command=command))
        return servers[-1]

    yield start
    for server in servers:
        stop_server(server)


@pytest.fixture(scope="session")
def voila_server(start_voila):
    """Two kernels started in advance for each dashboard, as a seminar would have them, replaced
    at once when taken: tests open the same dashboard several times in a row."""
    return start_voila("--expect", "16", "--refill-delay", "1")


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if not executable:
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing (apt-get install chromium)")
        pytest.skip("Debian's chromium is missing (sudo apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Problems:
    """What went wrong in the page; ``allowed`` patterns are forgiven."""

    allowed: list[re.Pattern] = field(default_factory=list)
    found: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        if not any(p.search(text) for p in self.allowed):
            self.found.append(text)


def is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOOPBACK


def watch(page, problems: Problems) -> None:
    """Record console errors, page errors and failed requests; abort every outside request."""
    page.on("console", lambda m: m.type == "error" and problems.add(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.add(f"page error: {e}"))
    page.on("requestfailed", lambda r: is_loopback(r.url)
            and problems.add(f"failed request: {r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400
            and problems.add(f"HTTP {r.status}: {r.url}"))

    def guard(route):
        if is_loopback(route.request.url):
            route.continue_()
        else:
            problems.outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)


@pytest.fixture
def page(browser, request):
    marker = request.node.get_closest_marker("allow_console")
    problems = Problems([re.compile(p) for p in (marker.args if marker else ())])
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch(page, problems)
    page.problems = problems
    yield page
    context.close()
    report = [f"request to an outside address (blocked): {u}" for u in problems.outside]
    report += problems.found
    if report:
        pytest.fail("the page had problems:\n  " + "\n  ".join(report), pytrace=False)


WIDGETS_READY = """() => {
    const spinner = document.querySelector('#loading');
    const busy = spinner && getComputedStyle(spinner).display !== 'none';
    const text = document.body ? document.body.innerText : '';
    return !busy && (text.includes('Error displaying widget')
        || document.querySelector('.jupyter-widgets, [class*="widget-"]') !== null);
}"""


def open_dashboard(page, server: VoilaServer, notebook: str):
    """Open ``notebook`` in ``page`` and wait until its widgets have rendered."""
    response = page.goto(server.url(notebook), wait_until="load", timeout=TIMEOUT_MS)
    assert response is not None and response.ok, f"{notebook}: HTTP {response and response.status}"
    page.wait_for_function(WIDGETS_READY, timeout=TIMEOUT_MS)
    assert "Error displaying widget" not in page.inner_text("body"), f"{notebook}: a widget failed"
    return response


@pytest.fixture(name="open_dashboard")
def open_dashboard_fixture():
    return open_dashboard
