"""Dashboards draw each new chart once: no redraw straight after it and no off-screen PNG snapshot
(the template's static/ickit-plotly.js); the first chart, drawn before the page is shown, still
fills its place."""

from playwright.sync_api import expect

TIMEOUT = 60_000
# Counts, from before the page's own scripts run: plotly's `plotly_redraw` events on every plot,
# and the off-screen copies `Plotly.toImage` adds to the body for a snapshot.
COUNT_DRAWS = """
window.drawCounts = {redraws: 0, snapshots: 0};
new MutationObserver(records => {
    for (const record of records) for (const node of record.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        if (node.parentElement === document.body && node.style.left === '-5000px') {
            window.drawCounts.snapshots += 1;
        }
        const plot = node.classList.contains('plot-container') ? node.parentElement : null;
        if (plot && plot.on && !plot.dataset.counted) {
            plot.dataset.counted = 'yes';
            plot.on('plotly_redraw', () => { window.drawCounts.redraws += 1; });
        }
    }
}).observe(document, {childList: true, subtree: true});
"""
FILLS_ITS_PLACE = """plot => Math.abs(plot.querySelector('.main-svg').getBoundingClientRect().width
                                 - plot.getBoundingClientRect().width) < 2"""


def test_a_new_chart_is_drawn_once(page, voila_server, open_dashboard):
    page.add_init_script(COUNT_DRAWS)
    open_dashboard(page, voila_server, "law1_targeting.ipynb")
    plot = page.locator(".ickit-law1 .js-plotly-plot").first
    expect(plot).to_contain_text("80 of 80 reached", timeout=TIMEOUT)
    page.wait_for_timeout(1500)  # the first chart is redrawn as the page is shown: not counted
    assert plot.evaluate(FILLS_ITS_PLACE)
    page.evaluate("window.drawCounts = {redraws: 0, snapshots: 0}")

    page.locator(".ickit-law1 select").nth(2).select_option(label="Not targeted")
    expect(plot).to_contain_text("0 of 80 reached", timeout=TIMEOUT)
    page.wait_for_timeout(1500)  # time enough for a redraw or a snapshot to have begun
    assert page.evaluate("window.drawCounts") == {"redraws": 0, "snapshots": 0}
    assert plot.evaluate(FILLS_ITS_PLACE)
