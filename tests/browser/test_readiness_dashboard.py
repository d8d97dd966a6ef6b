"""Readiness dashboard in Voila: it renders, rating an item changes the radar, no console errors."""

from playwright.sync_api import expect

TIMEOUT = 60_000


def test_readiness_rating_an_item_changes_the_radar(page, voila_server, open_dashboard):
    open_dashboard(page, voila_server, "readiness.ipynb")
    view = page.locator(".ickit-readiness")
    plot = view.locator(".js-plotly-plot").first
    expect(plot).to_contain_text("overall not rated yet (38 of 38 items not rated)", timeout=TIMEOUT)
    view.locator("select").first.select_option(label="3 Firmly in place")
    expect(plot).to_contain_text("overall 100% (37 of 38 items not rated)", timeout=TIMEOUT)
    expect(view).to_contain_text("37 of 38 items not rated yet")
    expect(view.locator("a.ickit-download")).to_have_count(2)
