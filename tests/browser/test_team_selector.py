"""The team model selector in Voila: it renders, a choice redraws its diagram with room for its
legend, questions give suggestions."""

from page_checks import CHARTS_DRAWN, WIDENED_MARGINS
from playwright.sync_api import expect

TIMEOUT = 60_000
VIEW = ".ickit-team-selector"


def test_renders_redraws_on_a_choice_and_refuses_a_bad_file(page, voila_server, open_dashboard):
    open_dashboard(page, voila_server, "team_selector.ipynb")
    for title in ("Explore", "Guided choice", "Compare two", "Save and load"):
        expect(page.get_by_role("tab", name=title)).to_be_visible(timeout=TIMEOUT)
    plots = page.locator(f"{VIEW} .js-plotly-plot")
    expect(plots.nth(0)).to_contain_text("Parallel-pathway team: the route of a referral", timeout=TIMEOUT)
    expect(plots.nth(1)).to_contain_text("Profession-managed: who manages whom")
    expect(page.locator(VIEW)).to_contain_text("No best form, but clear accountability")
    page.locator(f"{VIEW} select").nth(0).select_option(label="Reception-assessment-allocation-review team")
    expect(plots.nth(0)).to_contain_text("Reception-assessment-allocation-review team: the route",
                                         timeout=TIMEOUT)
    expect(plots.nth(0)).to_contain_text("Review")
    page.locator(f"{VIEW} select").nth(1).select_option(label="Joint management")
    expect(plots.nth(1)).to_contain_text("Joint management: who manages whom", timeout=TIMEOUT)
    expect(plots.nth(1)).to_contain_text("Team co-ordinator")
    page.get_by_role("tab", name="Compare two").click()  # its diagrams are drawn narrower
    page.wait_for_function(CHARTS_DRAWN, timeout=TIMEOUT)
    page.wait_for_timeout(500)
    assert page.evaluate(WIDENED_MARGINS) == []  # every chart drawn had room for its legend
    _malformed_file_gives_a_clear_message(page)  # one page per test: each needs a fresh kernel


def test_guided_questions_give_ranked_suggestions(page, voila_server, open_dashboard):
    open_dashboard(page, voila_server, "team_selector.ipynb")
    page.get_by_role("tab", name="Guided choice").click()
    suggest = page.get_by_role("button", name="Suggest models")
    suggest.click()
    expect(page.locator(VIEW)).to_contain_text("Please answer every question first", timeout=TIMEOUT)
    groups = page.locator(f"{VIEW} .widget-radio-box")
    expect(groups).to_have_count(12, timeout=TIMEOUT)
    expect(page.get_by_role("radiogroup")).to_have_count(12)  # each named by its question: keyboard test
    for i in range(12):
        groups.nth(i).locator("input[type=radio]").first.check()
    suggest.click()
    ranking = page.locator(f"{VIEW} .ickit-ranking")
    expect(ranking).to_contain_text("Team process models", timeout=TIMEOUT)
    expect(ranking.locator(".ickit-suggestion")).to_have_count(11)
    expect(ranking).to_contain_text("Integrated Care Network (2008)")
    page.get_by_role("button", name="Use the top two").click()
    page.get_by_role("tab", name="Save and load").click()
    expect(page.locator(f"{VIEW} a.ickit-download")).to_have_count(2, timeout=TIMEOUT)
    expect(page.locator(f"{VIEW} .ickit-preview")).to_contain_text("Fit with the answers: number 1 of 6")
    name = page.locator(f"{VIEW} input[type=text]").first
    name.fill("<i>Northside</i>")
    name.press("Enter")
    expect(page.locator(f"{VIEW} .ickit-preview")).to_contain_text("# \\<i\\>Northside\\</i\\>", timeout=TIMEOUT)


def _malformed_file_gives_a_clear_message(page):
    """Loading a file that is not a saved choice says so and leaves the choice as it was."""
    page.get_by_role("tab", name="Save and load").click()
    preview = page.locator(f"{VIEW} .ickit-preview")
    expect(preview).to_contain_text("# Our team", timeout=TIMEOUT)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Load a saved choice").click()
    chooser.value.set_files(files=[{"name": "plan.json", "mimeType": "application/json",
                                    "buffer": b'{"format": "something else"}'}])
    expect(page.locator(VIEW)).to_contain_text("That file is not a team configuration saved by the kit.",
                                               timeout=TIMEOUT)
    expect(preview).to_contain_text("# Our team")
