"""The dashboards' charts are the kit's own chart widget (ickit-charts, built from
widgets/labextension): drawn once, where they are seen, at the width they are shown, resized when
that width changes, and updated in place when a control changes them; plotly's own renderer and
its 4.8 MB of JavaScript are not loaded."""

import nbformat
import pytest
from playwright.sync_api import expect

TIMEOUT = 60_000
# From before the page's own scripts run: plots built (plotly adds a .plot-container to each), and
# plotly_afterplot events of plots already built (an update, a redraw or a relayout).
COUNT_DRAWS = """
window.draws = {built: 0, redrawn: 0};
new MutationObserver(records => {
    for (const record of records) for (const node of record.addedNodes) {
        if (node instanceof HTMLElement && node.classList.contains('plot-container')
                && node.closest('.ickit-chart')) {
            window.draws.built += 1;
            const plot = node.parentElement;
            plot.on('plotly_afterplot', () => {
                if (plot.dataset.drawn) window.draws.redrawn += 1;  // the first is its building
                plot.dataset.drawn = 'yes';
            });
        }
    }
}).observe(document, {childList: true, subtree: true});
"""
CHART = ".ickit-chart .js-plotly-plot"  # plotly marks a plot it has drawn with js-plotly-plot
FILLS_ITS_PLACE = """plot => Math.abs(plot.querySelector('.main-svg').getBoundingClientRect().width
                                 - plot.closest('.ickit-chart').getBoundingClientRect().width) < 2"""


def test_a_chart_is_drawn_once_and_updated_in_place(page, voila_server, open_dashboard):
    scripts = []
    page.on("request", lambda request: scripts.append(request.url))
    page.add_init_script(COUNT_DRAWS)
    open_dashboard(page, voila_server, "law1_targeting.ipynb")
    plot = page.locator(f".ickit-law1 {CHART}").first
    expect(plot).to_contain_text("80 of 80 reached", timeout=TIMEOUT)
    page.wait_for_timeout(1500)  # time enough for a redraw to have begun
    assert plot.evaluate(FILLS_ITS_PLACE)
    assert page.evaluate("window.draws") == {"built": 1, "redrawn": 0}

    page.locator(".ickit-law1 select").nth(2).select_option(label="Not targeted")
    expect(plot).to_contain_text("0 of 80 reached", timeout=TIMEOUT)
    page.wait_for_timeout(1500)
    assert page.evaluate("window.draws") == {"built": 1, "redrawn": 1}
    assert plot.evaluate(FILLS_ITS_PLACE)
    assert any("/labextensions/ickit-charts/" in url for url in scripts)
    assert not [url for url in scripts if "/labextensions/jupyterlab-plotly/" in url]


def test_a_chart_in_a_closed_tab_is_drawn_when_the_tab_opens(page, voila_server, open_dashboard):
    page.add_init_script(COUNT_DRAWS)
    open_dashboard(page, voila_server, "team_selector.ipynb")
    view = page.locator(".ickit-team-selector")
    drawn = view.locator(CHART)
    expect(drawn.nth(0)).to_contain_text("Parallel-pathway team: the route of a referral", timeout=TIMEOUT)
    expect(drawn.nth(1)).to_contain_text("Profession-managed: who manages whom", timeout=TIMEOUT)
    expect(view.locator(".ickit-chart")).to_have_count(6, timeout=TIMEOUT)  # 2 in Explore, 4 in Compare two
    page.wait_for_timeout(1500)
    assert drawn.count() == 2
    page.get_by_role("tab", name="Compare two").click()
    expect(drawn).to_have_count(6, timeout=TIMEOUT)
    for i in range(2, 6):
        expect(drawn.nth(i)).to_contain_text(":", timeout=TIMEOUT)
        assert drawn.nth(i).evaluate(FILLS_ITS_PLACE)
    page.wait_for_timeout(1500)
    assert page.evaluate("window.draws") == {"built": 6, "redrawn": 0}


def test_a_chart_follows_the_width_of_the_page(page, voila_server, open_dashboard):
    page.set_viewport_size({"width": 1200, "height": 900})
    open_dashboard(page, voila_server, "readiness.ipynb")
    plot = page.locator(f".ickit-readiness {CHART}").first
    expect(plot).to_be_visible(timeout=TIMEOUT)
    wide = plot.evaluate("plot => plot.querySelector('.main-svg').getBoundingClientRect().width")
    page.set_viewport_size({"width": 700, "height": 900})
    page.wait_for_function("""plot => plot.querySelector('.main-svg').getBoundingClientRect().width
                                      < plot.closest('.ickit-chart').getBoundingClientRect().width + 2""",
                           arg=plot.element_handle(), timeout=TIMEOUT)
    assert plot.evaluate(FILLS_ITS_PLACE)
    assert plot.evaluate("plot => plot.querySelector('.main-svg').getBoundingClientRect().width") < wide


BROKEN_AND_GOOD = """import ipywidgets
from ickit.views.chart import Chart
broken, good = Chart(figure={"data": [None], "layout": {}}), Chart()
good.show({"data": [{"type": "bar", "x": ["drawn"], "y": [1]}], "layout": {}})
mend = ipywidgets.Button(description="Mend")
mend.on_click(lambda _: broken.show({"data": [{"type": "bar", "x": ["mended"], "y": [2]}], "layout": {}}))
ipywidgets.VBox([broken, good, mend])"""
CANNOT = "This chart could not be drawn."


@pytest.fixture(scope="module")
def charts_server(tmp_path_factory, serve_folder):
    root = tmp_path_factory.mktemp("charts")
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(BROKEN_AND_GOOD)]),
                   root / "charts.ipynb")
    return serve_folder(root)


@pytest.mark.allow_console(r"ickit-charts: a chart could not be drawn")
def test_a_chart_that_cannot_be_drawn_says_so_and_draws_its_next_figure(page, charts_server):
    page.goto(charts_server.url("charts.ipynb"), timeout=TIMEOUT)
    charts = page.locator(".ickit-chart")
    expect(charts.nth(0)).to_have_text(CANNOT, timeout=TIMEOUT)
    expect(charts.nth(1).locator(".main-svg").first).to_be_visible(timeout=TIMEOUT)
    expect(charts.nth(1)).to_contain_text("drawn")
    page.get_by_role("button", name="Mend").click()
    expect(charts.nth(0)).to_contain_text("mended", timeout=TIMEOUT)
    expect(charts.nth(0)).not_to_contain_text(CANNOT)


@pytest.mark.allow_console(r"ickit-charts: a chart could not be drawn", r"failed request: .*/plotly\.",
                           r"Failed to load resource: net::ERR_FAILED")
def test_a_chart_loads_plotly_again_after_a_failed_load(page, charts_server):
    blocked = [True]  # plotly.js cannot be loaded until the test says so
    page.route("**/plotly.*.js*", lambda route: route.abort() if blocked[0] else route.fallback())
    page.goto(charts_server.url("charts.ipynb"), timeout=TIMEOUT)
    charts = page.locator(".ickit-chart")
    expect(charts.nth(1)).to_have_text(CANNOT, timeout=TIMEOUT)
    blocked[0] = False
    page.get_by_role("button", name="Mend").click()
    expect(charts.nth(0)).to_contain_text("mended", timeout=TIMEOUT)
    expect(charts.nth(0).locator(".main-svg").first).to_be_visible()
