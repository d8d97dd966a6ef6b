"""Each learner notebook in a real JupyterLab 4: it reads before it runs, with its code folded away,
runs every cell, its widgets render, and what the kit shows passes axe-core; the capstone's
learning log downloads in one click.

Uses the ``page`` fixture of ``conftest.py`` (console errors, failed requests and outside requests
fail a test). JupyterLab runs on a copy of the notebooks with its own settings, workspaces and
notes file, so nothing touches the learner's own.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from page_checks import CHARTS_DRAWN, axe_check
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from ickit.content import load_content
from ickit.logic import quiz

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WITH_CHARTS = {"02_leutz_laws.ipynb", "03_ten_lessons.ipynb", "04_outcomes_and_vision.ipynb",
               "08_integrated_teams.ipynb", "09_time.ipynb", "10_capstone.ipynb"}
RUN_TIMEOUT_MS = int(os.environ.get("ICKIT_LAB_RUN_MS", "240000"))
SETTINGS = {  # every cell in the DOM; no news or update checks (they would reach outside)
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
}
# every code cell of a learner notebook draws a view, so each has run once it shows an output
# (its input, prompt included, is collapsed)
ALL_RUN = """() => {
    const cells = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')];
    return cells.length > 0 && cells.every(c => c.querySelector('.jp-OutputArea-output'));
}"""


@dataclass
class Lab:
    port: int
    token: str
    root: Path
    notes: Path

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}?token={self.token}&reset"

    def api(self, path: str, method: str = "GET"):
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/api/{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab on 127.0.0.1 with a token, over a temporary copy of the learner notebooks."""
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "notebooks"
    root.mkdir()
    for nb in NOTEBOOKS:
        shutil.copy(nb, root)
    for name, value in SETTINGS.items():
        target = tmp / "settings" / name.replace("/", os.sep, 1).replace("/", os.sep)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value))
    server = Lab(_free_port(), secrets.token_hex(16), root, tmp / "notes" / "reflections.json")
    env = {**os.environ, "ICKIT_NOTES": str(server.notes), "JUPYTERLAB_SETTINGS_DIR": str(tmp / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"), "JUPYTER_RUNTIME_DIR": str(tmp / "runtime")}
    log = open(tmp / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={server.port}",
         f"--IdentityProvider.token={server.token}", f"--ServerApp.root_dir={root}",
         "--allow-root", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                server.api("status")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start:\n" + (tmp / "lab.log").read_text()[-3000:])
                time.sleep(0.5)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.mark.parametrize("notebook", [p.name for p in NOTEBOOKS])
def test_notebook_runs_and_its_widgets_render(lab, page, notebook):
    page.goto(lab.url(f"lab/tree/{notebook}"), wait_until="load")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=120_000)
    select = page.locator(".jp-Dialog").get_by_role("button", name="Select", exact=True)
    try:  # after the previous test's kernels were shut down, Lab may ask which kernel to start
        select.click(timeout=15_000)
    except PlaywrightTimeoutError:
        pass
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']",
                           timeout=120_000)
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    # before anything runs: the narrative reads as Markdown, and the code is folded away
    part = next(p for p in load_content().course if p.notebook == notebook)
    title = panel.locator(".jp-RenderedMarkdown h1").first.inner_text()
    assert title.startswith(f"{part.order:02d}. {part.title}"), title
    headings = [h.replace("¶", "").strip() for h in panel.locator(".jp-RenderedMarkdown h2").all_inner_texts()]
    assert headings[-5:] == ["Check your understanding", "Reflect", "Key points", "What next", "References"]
    code_cells = panel.locator(".jp-CodeCell").count()
    assert code_cells >= 2 and panel.locator(".jp-CodeCell .jp-InputPlaceholder").count() == code_cells
    assert panel.locator(".jp-CodeCell .cm-editor").filter(visible=True).count() == 0
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    try:
        page.wait_for_function(ALL_RUN, timeout=RUN_TIMEOUT_MS)
    except Exception:
        page.screenshot(path=str(lab.root.parent / f"{notebook}.png"))
        shown = panel.locator(".jp-CodeCell .jp-OutputArea-output").count()
        pytest.fail(f"{notebook}: not every cell ran within the time allowed; {shown} of {code_cells} "
                    "code cells show an output")
    panel.locator(".ickit-reflection textarea").first.wait_for(timeout=60_000)
    text = panel.inner_text()
    assert "Error displaying widget" not in text
    assert "Traceback" not in text and panel.locator(".jp-OutputArea-output[data-mime-type*='error']").count() == 0
    assert panel.locator(".jupyter-widgets").count() >= 5
    # the kit's chart widget, linked into the environment for JupyterLab, draws every chart in view
    if notebook in WITH_CHARTS:
        panel.locator(".ickit-chart .main-svg").first.wait_for(timeout=60_000)
        page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
    else:
        assert panel.locator(".ickit-chart").count() == 0
    assert "Check your understanding" in text and "Key points" in text
    _one_choice_is_a_named_group_chosen_with_the_arrow_keys(page, panel, part.id)
    # what the kit shows meets WCAG 2.2 AA (JupyterLab's own interface does not yet: the kit's
    # accessibility statement says where)
    axe_check(page, f"lab:{notebook}", include=".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output")

    # a reflection typed in the browser lands in the notes file, through the kernel
    box = panel.locator(".ickit-reflection textarea").first
    box.fill(f"Typed in {notebook}")
    expect_saved = f"Typed in {notebook}"
    deadline = time.monotonic() + 60
    while not (lab.notes.exists() and expect_saved in lab.notes.read_text()):
        assert time.monotonic() < deadline, "the reflection was not saved to the notes file"
        time.sleep(0.5)
    if notebook == "10_capstone.ipynb":  # the learning log: one click, and up to date with typing
        link = panel.locator('a.ickit-download[download="my_learning_log.md"]')
        assert link.evaluate("a => getComputedStyle(a).backgroundColor") != "rgba(0, 0, 0, 0)"  # a button
        deadline = time.monotonic() + 60
        while expect_saved not in _learning_log(page, link):
            assert time.monotonic() < deadline, "the learning log does not hold the reflection just typed"
            time.sleep(0.5)
    for kernel in lab.api("kernels"):
        lab.api(f"kernels/{kernel['id']}", method="DELETE")


def _one_choice_is_a_named_group_chosen_with_the_arrow_keys(page, panel, part_id: str) -> None:
    """A knowledge check's radio buttons (ickit.views.choices.Choices) are a group a screen reader
    names by its question, and a choice made with an arrow key reaches the kernel."""
    one = [q for q in quiz.questions_for(load_content().quizzes, part_id) if q.type == "multiple_choice"]
    if not one:
        return
    named = page.get_by_role("radiogroup", name=one[0].question, exact=True)  # relative, for has=
    group = panel.locator(named)
    expect(group).to_have_count(1)
    group.locator("input[type=radio]").first.focus()
    page.keyboard.press("ArrowDown")  # the second answer, chosen
    expect(group.locator("input[type=radio]").nth(1)).to_be_checked()
    assert group.locator("input[type=radio]").nth(1).evaluate("r => r === document.activeElement")
    box = panel.locator(".widget-vbox").filter(has=named).last  # the question's own box
    box.get_by_role("button", name="Check").click()
    expect(box).to_contain_text(quiz.mark(one[0], {1}).feedback[0], timeout=60_000)  # the second's


def _learning_log(page, link) -> str:
    """The text of the learning log the link downloads, by clicking it once."""
    with page.expect_download() as download:
        link.click()
    return Path(download.value.path()).read_text(encoding="utf-8")
