"""The benchmark keeps what a page that never became ready showed (``bench/run.py``): such a page
is rare (twice in the recorded runs) and its cause not yet found, so a run must leave the evidence
instead of deleting it with its temporary folder."""

import importlib.util
import json
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Voila's page as it is before its widgets draw: the spinner up, the cells hidden, one output not
# yet put in its place.
STUCK = b"""<!DOCTYPE html><html><body>
<div id="loading">Loading</div>
<div id="rendered_cells" style="display: none"><div class="jp-OutputArea-output"></div></div>
<script type="application/vnd.voila.cell-output+json">{}</script>
<script>console.log("kernel: connecting")</script>
</body></html>"""
# Its cells shown, but one output still empty and one chart not drawn.
STUCK_SHOWN = b"""<!DOCTYPE html><html><body>
<div id="rendered_cells"><div class="jp-OutputArea-output" style="height: 10px"></div>
<div class="jp-OutputArea-output"><div class="ickit-chart" style="height: 10px"></div></div></div>
</body></html>"""
READY = b'<div id="rendered_cells"><div class="jp-OutputArea-output"><p>drawn</p></div></div>'


@pytest.fixture
def bench(monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "PAGE_TIMEOUT_MS", 5000)
    return module


def measure(bench, browser, body: bytes, notebook: str, kept: Path) -> dict:
    """``bench.measure_page`` of a server whose every page is ``body``."""
    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    idle = subprocess.Popen(["sleep", "60"])  # stands in for the Voila server, quiet at once
    try:
        return bench.measure_page(browser, idle.pid, f"http://127.0.0.1:{server.server_port}/",
                                  notebook, 0, kept=kept)
    finally:
        idle.kill()
        server.shutdown()


def test_a_page_that_never_becomes_ready_leaves_what_it_showed(bench, browser, tmp_path):
    with pytest.raises(Exception, match="Timeout"):
        measure(bench, browser, STUCK, "stuck.ipynb", tmp_path)
    kept = tmp_path / "stuck.ipynb"
    assert (kept / "page.png").stat().st_size > 0
    url, report = (kept / "page.txt").read_text().split("\n", 1)
    assert url.endswith("/voila/render/stuck.ipynb")
    lacking, console = report.split("\n\nconsole:\n")
    assert json.loads(lacking) == {"spinner": True, "cells_shown": False, "outputs_not_placed": 1,
                                   "outputs_empty": 0, "charts_undrawn": 0}
    assert console == "log: kernel: connecting"


def test_what_a_shown_page_lacks_is_named(bench, browser, tmp_path):
    with pytest.raises(Exception, match="Timeout"):
        measure(bench, browser, STUCK_SHOWN, "shown.ipynb", tmp_path)
    report = (tmp_path / "shown.ipynb" / "page.txt").read_text().split("\n", 1)[1]
    assert json.loads(report.split("\n\nconsole:\n")[0]) == {
        "spinner": False, "cells_shown": True, "outputs_not_placed": 0, "outputs_empty": 1,
        "charts_undrawn": 1}


def test_a_page_that_becomes_ready_leaves_nothing(bench, browser, tmp_path):
    found = measure(bench, browser, READY, "ready.ipynb", tmp_path)
    assert found["tti"] > 0 and found["mem"] is None
    assert list(tmp_path.iterdir()) == []
