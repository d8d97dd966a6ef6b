"""A dashboard that has stopped says so at once; a page with changes asks before it is left, and
the kernel of a page is shut down once the page is left, not before.

A page whose kernel died, or whose server went away, used to look alive: later changes silently
did nothing. Now a notice at the top says what happened and what to do."""

import os
import re
import signal
import sys
import time

import pytest
from playwright.sync_api import expect

TIMEOUT = 60_000
ONE_DASHBOARD = """
import sys
from ickit.content import load_content
from ickit.serve import DASHBOARD_DIR, ServeOptions, run_voila, voila_config
config = voila_config(ServeOptions(port=int(sys.argv[1]), open_browser=False, dashboards=("contents",),
                                   expect=1), load_content(), budget=2)
run_voila(config, DASHBOARD_DIR)
"""


def kernel_id(page) -> str:
    return re.search(r'"kernelId":\s*"([0-9a-f-]+)"', page.content()).group(1)


def kernel_of(page, server) -> int:
    """The process id of the kernel behind ``page``."""
    kernel = kernel_id(page)
    for pid in server.kernels():
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            if kernel.encode() in cmdline.read():
                return pid
    raise AssertionError(f"no process for kernel {kernel}")


def test_a_dashboard_whose_kernel_died_says_so_at_once(page, voila_server, open_dashboard):
    open_dashboard(page, voila_server, "law2_costs.ipynb")
    notice = page.locator(".ickit-stopped")
    expect(notice).to_have_count(0)
    os.kill(kernel_of(page, voila_server), signal.SIGKILL)
    expect(notice).to_contain_text("This dashboard has stopped", timeout=TIMEOUT)
    expect(notice).to_contain_text("Its kernel on the server has ended")
    expect(notice).to_contain_text("reload the page")
    expect(notice.get_by_role("button", name="Reload the page")).to_be_visible()


@pytest.mark.allow_console(r"ERR_CONNECTION_REFUSED", r"WebSocket connection to .* failed",
                           r"Failed to fetch")
def test_a_dashboard_whose_server_went_away_says_so_at_once(page, start_command, open_dashboard):
    server = start_command(lambda port: [sys.executable, "-c", ONE_DASHBOARD, str(port)])
    open_dashboard(page, server, "contents.ipynb")
    server.stop()
    notice = page.locator(".ickit-stopped")
    expect(notice).to_contain_text("The server cannot be reached", timeout=TIMEOUT)
    expect(notice).to_contain_text("Download links already on the page still work")


def test_a_page_with_changes_asks_before_it_is_left_and_stays_alive(page, voila_server,
                                                                     open_dashboard):
    open_dashboard(page, voila_server, "timeline_planner.ipynb")
    view = page.locator(".ickit-timeline-planner")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    name = view.locator(".ickit-name input").first
    name.click()
    page.keyboard.type(" (ours)")
    page.keyboard.press("Enter")
    with pytest.raises(Exception):  # the visitor chose to stay
        page.goto("about:blank", timeout=10_000)
    assert asked == ["beforeunload"] and "timeline_planner" in page.url
    # Voila's page used to shut its kernel down as it asked: the dashboard stayed, dead
    plan_name = view.get_by_role("textbox", name="Plan name")
    plan_name.fill("Still drawn")
    plan_name.press("Enter")
    expect(view.locator(".js-plotly-plot").first).to_contain_text("Still drawn", timeout=TIMEOUT)
    # once downloaded, the work is kept: leaving asks no more
    view.get_by_role("button", name=re.compile("Prepare the plan.s files")).click()
    with page.expect_download():
        view.locator("a.ickit-download").first.click()
    page.goto("about:blank", timeout=10_000)
    assert asked == ["beforeunload"]


def test_a_page_without_changes_is_left_without_a_question_and_frees_its_kernel(
        page, voila_server, open_dashboard):
    open_dashboard(page, voila_server, "timeline_planner.ipynb")
    asked = []
    page.on("dialog", lambda dialog: asked.append(dialog.type))
    kernel = kernel_id(page)
    page.locator(".ickit-timeline-planner .ickit-name input").first.click()
    page.goto("about:blank", timeout=10_000)
    assert asked == []
    deadline = time.monotonic() + 30
    while f"Kernel shutdown: {kernel}" not in voila_server.log_text():
        assert time.monotonic() < deadline, "the kernel of the page left is still running"
        page.wait_for_timeout(250)
