"""Every dashboard in data/dashboards.yaml renders in Chromium, cleanly and without its source."""

import json

import pytest

from ickit.content import load_content
from ickit.serve import DASHBOARD_DIR
from page_checks import CHARTS_DRAWN, WIDENED_MARGINS

DASHBOARDS = load_content().dashboards


def code_lines(notebook: str) -> list[str]:
    """The lines of the notebook's code cells long enough not to match page text by chance."""
    cells = json.loads((DASHBOARD_DIR / notebook).read_text(encoding="utf-8"))["cells"]
    return [line.strip() for cell in cells if cell["cell_type"] == "code"
            for line in "".join(cell["source"]).splitlines() if len(line.strip()) >= 12]


def test_at_least_one_dashboard():
    assert DASHBOARDS, "data/dashboards.yaml lists no dashboard"


@pytest.mark.parametrize("notebook", [d.notebook for d in DASHBOARDS])
def test_dashboard_renders_cleanly(notebook, page, voila_server, open_dashboard):
    assert (DASHBOARD_DIR / notebook).is_file(), f"{notebook} is registered but missing"
    raw = open_dashboard(page, voila_server, notebook).text()
    served = page.content()
    for line in code_lines(notebook):
        assert line not in served and line not in raw, f"{notebook} shows its source: {line!r}"


def test_landing_page_lists_every_dashboard(page, voila_server):
    page.goto(voila_server.base_url)
    links = page.locator(".ickit-dashboards a")
    assert links.count() == len(DASHBOARDS)
    for dashboard, link in zip(DASHBOARDS, links.all()):
        assert dashboard.title in link.inner_text()
        assert dashboard.purpose in link.inner_text()
        assert link.get_attribute("href").endswith(f"voila/render/{dashboard.notebook}")
        assert link.locator("img").evaluate("img => img.naturalWidth") > 0, dashboard.icon


@pytest.mark.parametrize("notebook", [d.notebook for d in DASHBOARDS])
def test_charts_leave_room_for_their_labels(notebook, page, voila_server, open_dashboard):
    """A margin that plotly has to widen costs the chart a second drawing (ickit.charts.room)."""
    open_dashboard(page, voila_server, notebook)
    page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
    page.wait_for_timeout(500)  # plotly widens a margin just after the first drawing
    assert page.evaluate(WIDENED_MARGINS) == []
