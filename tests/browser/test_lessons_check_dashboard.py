"""Ten-lessons dashboard in Voila: it renders, an answer turns a light red and the chart has room
for the legend it then shows, no console errors."""

from page_checks import WIDENED_MARGINS
from playwright.sync_api import expect

TIMEOUT = 60_000


def test_lessons_check_an_answer_changes_the_traffic_lights(page, voila_server, open_dashboard):
    open_dashboard(page, voila_server, "lessons_check.ipynb")
    view = page.locator(".ickit-lessons-check")
    plot = view.locator(".js-plotly-plot").first
    expect(plot).to_contain_text("1. Integration is not an outcome", timeout=TIMEOUT)
    expect(plot).to_contain_text("red 0, amber 0, green 0, unanswered 10")
    view.locator("select").nth(1).select_option(label="0 Not at all")
    expect(plot).to_contain_text("red 1, amber 0, green 0, unanswered 9", timeout=TIMEOUT)
    expect(plot).to_contain_text("red · 0.0")
    expect(view).to_contain_text("19 of 20 answers still to give")
    expect(view).to_contain_text("To talk about")
    page.wait_for_timeout(500)
    assert page.evaluate(WIDENED_MARGINS) == []  # room for the legend of answers, now shown
