"""Timeline planner in Voila: it renders, editing a duration moves the bar and changes the warnings,
and a number box shows the number the plan uses or says why it cannot."""

from playwright.sync_api import expect

TIMEOUT = 60_000
CULTURE_ROW = 5  # the two-year pilot's sixth workstream, as data/plans.yaml lists it
# Workstream ``row``'s bar (the bars are one trace, in the plan's order): its drawn width as a
# share of the plot area, and its length in days from the data.
BAR = """(plot, row) => {
    const bar = plot.querySelectorAll('.barlayer .trace .point path')[row].getBBox();
    const area = plot.querySelector('.nsewdrag').getBBox();
    return [bar.width / area.width, plot.data[0].x[row] / 86400000];
}"""


def test_editing_a_duration_moves_the_bar_and_changes_the_warnings(page, voila_server,
                                                                   open_dashboard):
    open_dashboard(page, voila_server, "timeline_planner.ipynb")
    view = page.locator(".ickit-timeline-planner")
    plot = view.locator(".js-plotly-plot").first
    warnings = view.locator(".ickit-plan-warnings-box")
    expect(plot).to_contain_text("A two-year pilot", timeout=TIMEOUT)
    expect(warnings).to_contain_text("Culture change given too little time", timeout=TIMEOUT)
    expect(view.locator(".ickit-name input").nth(CULTURE_ROW)).to_have_value("Culture change")
    share_before, days_before = plot.evaluate(BAR, CULTURE_ROW)

    duration = view.locator(".ickit-duration input").nth(CULTURE_ROW)
    duration.fill("36")
    duration.press("Enter")

    expect(warnings).not_to_contain_text("Culture change given too little time", timeout=TIMEOUT)
    expect(warnings).to_contain_text("Results judged too soon")
    expect(plot).to_contain_text("3 years 6 months", timeout=TIMEOUT)
    # plotly may still be laying the new bars out: wait until the bar has a drawn width again
    redrawn = plot.element_handle()
    page.wait_for_function(f"""plot => {{
        const [share, days] = ({BAR})(plot, {CULTURE_ROW});
        return Number.isFinite(share) && days > 1000;
    }}""", arg=redrawn, timeout=TIMEOUT)
    share_after, days_after = redrawn.evaluate(BAR, CULTURE_ROW)
    assert days_before < 600 and days_after > 1000, (days_before, days_after)
    assert share_after > share_before + 0.05, (share_before, share_after)


def test_a_number_box_shows_what_the_plan_uses_or_says_why_not(page, voila_server, open_dashboard):
    """A browser's number box showed "1e308" as "1308" and "0.5" as "05" while the plan used 1
    and 5, with no word of it."""
    open_dashboard(page, voila_server, "timeline_planner.ipynb")
    view = page.locator(".ickit-timeline-planner")
    duration = view.locator(".ickit-duration input").nth(CULTURE_ROW)
    message = view.locator(".ickit-msg-problem")
    for typed in ("0.5", "1e308"):
        duration.fill(typed)
        duration.press("Enter")
        expect(message).to_contain_text("give a whole number, such as 6", timeout=TIMEOUT)
        expect(duration).to_have_value(typed)
    duration.fill("036")
    duration.press("Enter")
    expect(message).to_have_count(0, timeout=TIMEOUT)
    expect(duration).to_have_value("36")
    expect(view.locator(".js-plotly-plot").first).to_contain_text("3 years 6 months", timeout=TIMEOUT)
