"""Leutz's law explorers in Voila: each renders, one interaction changes its chart, no console errors."""

from playwright.sync_api import expect

TIMEOUT = 60_000
# the labels of a chart (title, annotations) that overlap another, as pairs of their texts
OVERLAPPING_LABELS = """plot => {
    const labels = [...plot.querySelectorAll('.g-gtitle text, .annotation')]
        .map(el => [el.textContent, el.getBoundingClientRect()]);
    return labels.flatMap(([a, r], i) => labels.slice(i + 1)
        .filter(([, s]) => r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom)
        .map(([b]) => `${a} / ${b}`));
}"""


def chart(page, view_class: str):
    return page.locator(f".{view_class} .js-plotly-plot").first


def test_law1_targeting_untargeting_a_group_changes_reach(page, voila_server, open_dashboard):
    open_dashboard(page, voila_server, "law1_targeting.ipynb")
    plot = chart(page, "ickit-law1")
    expect(plot).to_contain_text("80 of 80 reached", timeout=TIMEOUT)
    severe = page.locator(".ickit-law1 select").nth(2)
    severe.select_option(label="Not targeted")
    expect(plot).to_contain_text("0 of 80 reached", timeout=TIMEOUT)
    expect(severe.locator("option:checked")).to_have_text("Not targeted")  # still shown as chosen
    expect(page.locator(".ickit-law1")).to_contain_text("Full integration for everyone reaches 1,000")


def test_law2_costs_lower_savings_remove_break_even(page, voila_server, open_dashboard):
    open_dashboard(page, voila_server, "law2_costs.ipynb")
    plot = chart(page, "ickit-law2")
    expect(plot).to_contain_text("Break-even: year 7", timeout=TIMEOUT)
    expect(plot).to_contain_text("Embedding culture change: at least 3 yr")
    assert plot.evaluate(OVERLAPPING_LABELS) == []  # the timescale marks once overlapped the title
    savings = page.locator(".ickit-law2 input").nth(2)
    savings.fill("50")
    savings.press("Enter")
    expect(page.locator(".ickit-law2")).to_contain_text("never pays back", timeout=TIMEOUT)
    expect(plot).not_to_contain_text("Break-even")


def test_a_whole_number_box_shows_what_is_used_or_says_why_not(page, voila_server, open_dashboard):
    """The browser's box for a whole number showed "1e308" as "1308" while the kernel got 1."""
    open_dashboard(page, voila_server, "law1_targeting.ipynb")
    page.locator(".ickit-law1").get_by_text("Assumptions (illustrative defaults").click()
    people = page.locator(".ickit-law1").get_by_role("spinbutton", name="People")
    people.fill("1e308")
    people.press("Enter")
    expect(page.locator(".ickit-law1 .ickit-msg-problem")).to_contain_text(
        "Population must be a whole number", timeout=TIMEOUT)
    expect(people).to_have_value("1e308")


def test_stakeholder_map_adds_a_stakeholder_to_the_grid(page, voila_server, open_dashboard):
    open_dashboard(page, voila_server, "stakeholder_map.ipynb")
    plot = chart(page, "ickit-stakeholders")
    expect(plot).to_contain_text("Unpaid carers", timeout=TIMEOUT)
    expect(page.locator(".ickit-law5")).to_contain_text("Unpaid carers")
    page.locator(".ickit-stakeholders select").first.select_option(label="(a new stakeholder)")
    name = page.locator(".ickit-stakeholders input[type=text]").first
    expect(name).to_have_value("", timeout=TIMEOUT)
    name.fill("<i>Parish council</i>")
    name.press("Tab")
    page.get_by_role("button", name="Save").click()
    expect(plot).to_contain_text("<i>Parish council</i>", timeout=TIMEOUT)
