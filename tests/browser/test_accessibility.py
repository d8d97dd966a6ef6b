"""WCAG 2.2 AA on every page `ickit serve` serves (the kit's accessibility statement says how it is
tested: keep the two in step). For each dashboard: axe-core in every state (each tab and part
open, after a warning, after a file is loaded) at 1280x800 and 390x844; on a projector (1280x720)
the controls beside the chart they drive; on a phone nothing wider than the screen and every
control on it and operable; and its main task done with the keyboard alone, to its export."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from conftest import watch
from page_checks import CONTROLS_OPERABLE, FOCUSED, WIDER_THAN_SCREEN, axe_check, focus_lands_on, tab_to
from playwright.sync_api import expect

from ickit.content import load_content
from ickit.logic import lessons_check, plan_export, readiness
from ickit.logic.timeline import from_template

TIMEOUT = 60_000
DESKTOP, PHONE, PROJECTOR = {"width": 1280, "height": 800}, {"width": 390, "height": 844}, \
    {"width": 1280, "height": 720}
NARROWEST = {"width": 320, "height": 640}  # 1280 px at 400%: WCAG's reflow
CONTENT = load_content()


def check_both_sizes(page, notebook: str, state: str) -> None:
    """axe-core at the desktop's size and the phone's, then back."""
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.wait_for_timeout(300)  # charts follow their new width
        axe_check(page, f"dashboard:{notebook} {size['width']}x{size['height']} {state}")
    page.set_viewport_size(DESKTOP)


def upload(page, button: str, name: str, data: bytes | str, mime: str) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=button).click()
    chooser.value.set_files(files=[{"name": name, "mimeType": mime,
                                    "buffer": data.encode() if isinstance(data, str) else data}])


def shown(page, text: str) -> None:
    expect(page.locator(".ickit-view").first).to_contain_text(text, timeout=TIMEOUT)


# --- the states of each dashboard: each brings the page to one and names it ---------------------

def typed_wrong(page, field, text: str) -> str:
    """Type ``text`` into ``field`` and press Enter: the page shows a problem."""
    field.fill(text)
    field.press("Enter")
    expect(page.locator(".ickit-msg-problem")).to_be_visible(timeout=TIMEOUT)
    return "after a warning"


def contents_states(page):
    page.get_by_label("Filter").fill("zzzz")
    page.get_by_label("Filter").press("Enter")
    shown(page, "mentions")
    yield "nothing found"


def law1_states(page):
    page.get_by_role("button", name="Show the assumptions").click()
    yield "assumptions open"
    yield typed_wrong(page, page.get_by_label("People", exact=True), "-5")


def law2_states(page):
    yield typed_wrong(page, page.get_by_label("Years to show"), "0")


def stakeholder_states(page):
    page.get_by_label("Stakeholder", exact=True).select_option(label="(a new stakeholder)")
    page.get_by_role("button", name="Remove").click()
    expect(page.locator(".ickit-msg-problem")).to_be_visible(timeout=TIMEOUT)
    yield "after a warning"
    page.get_by_label("Name", exact=True).fill("Parish council")
    page.get_by_role("button", name="Save").click()
    shown(page, "Saved Parish council")
    yield "after a save"


def lessons_states(page):
    page.locator(".ickit-view select").nth(1).select_option(label="0 Not at all")
    shown(page, "To talk about")
    yield "answered"
    upload(page, "Load answers (CSV)", "answers.csv", b"not a saved check", "text/csv")
    expect(page.locator(".ickit-msg-problem")).to_be_visible(timeout=TIMEOUT)
    yield "after a warning"
    saved = lessons_check.to_csv(CONTENT, lessons_check.evaluate(CONTENT, {"Housing": {"trust-is-not-enough": 2}}))
    upload(page, "Load answers (CSV)", "answers.csv", saved, "text/csv")
    expect(page.get_by_role("textbox", name="Partners")).to_have_value("Housing", timeout=TIMEOUT)
    yield "after a file is loaded"


def readiness_states(page):
    closed = page.get_by_role("button", name="Show ")
    while closed.count():
        closed.first.click()
        page.wait_for_timeout(200)
    yield "every checklist open"
    upload(page, "Load ratings (CSV)", "ratings.csv", b"not saved ratings", "text/csv")
    expect(page.locator(".ickit-msg-problem")).to_be_visible(timeout=TIMEOUT)
    yield "after a warning"
    ratings = {**readiness.blank(CONTENT), "vision/quick-wins": 3}
    upload(page, "Load ratings (CSV)", "ratings.csv", readiness.to_csv(CONTENT, readiness.assess(CONTENT, ratings)), "text/csv")
    shown(page, "37 of 38 items not rated")
    yield "after a file is loaded"


def team_states(page):
    for tab in ("Guided choice", "Compare two", "Save and load"):
        page.get_by_role("tab", name=tab).click()
        yield f"{tab} open"
        if tab == "Guided choice":
            page.get_by_role("button", name="Suggest models").click()
            shown(page, "Please answer every question first")
            yield "after a warning"
    upload(page, "Load a saved choice", "team.json", b'{"format": "something else"}', "application/json")
    shown(page, "That file is not a team configuration saved by the kit.")
    yield "after a bad file"


def timeline_states(page):
    yield typed_wrong(page, page.get_by_label("Plan name"), "")
    plan = from_template(CONTENT.plans.templates[-1], date(2027, 1, 1))
    upload(page, "Load a plan", "plan.json", plan_export.plan_to_json(plan), "application/json")
    shown(page, "Loaded the plan")
    yield "after a file is loaded"
    page.get_by_role("button", name=re.compile("Prepare the plan.s files")).click()
    expect(page.get_by_role("link", name=re.compile("^Plan \\(JSON"))).to_be_visible(timeout=TIMEOUT)
    yield "its files prepared"


def room_states(page):
    yield typed_wrong(page, page.get_by_label("Room code"), "ZZZZZZ")


def facilitator_states(page):
    page.get_by_role("button", name="Open the room").click()
    expect(page.locator(".ickit-msg-problem")).to_be_visible(timeout=TIMEOUT)
    yield "after a warning"
    page.get_by_label("Title").fill("North partnership")
    page.get_by_role("button", name="Open the room").click()
    expect(page.locator("body")).to_contain_text("is open", timeout=TIMEOUT)
    yield "a room open"


STATES: dict[str, Callable] = {
    "contents.ipynb": contents_states, "law1_targeting.ipynb": law1_states,
    "law2_costs.ipynb": law2_states, "stakeholder_map.ipynb": stakeholder_states,
    "lessons_check.ipynb": lessons_states, "readiness.ipynb": readiness_states,
    "team_selector.ipynb": team_states, "timeline_planner.ipynb": timeline_states,
    "room.ipynb": room_states, "room_facilitator.ipynb": facilitator_states}




@pytest.mark.parametrize("notebook", list(STATES))
def test_dashboard_in_every_state(notebook, page, voila_server, open_dashboard):
    page.set_viewport_size(PROJECTOR)
    open_dashboard(page, voila_server, notebook)
    # the page is titled as its dashboard is in data/ (WCAG 2.4.2), not by its file's name
    expect(page).to_have_title(next(d.title for d in CONTENT.dashboards if d.notebook == notebook))
    _controls_beside_their_chart(page)
    page.set_viewport_size(DESKTOP)
    check_both_sizes(page, notebook, "as opened")
    for state in STATES[notebook](page):
        check_both_sizes(page, notebook, state)
    for size in (PHONE, NARROWEST):
        page.set_viewport_size(size)
        page.wait_for_timeout(300)
        wide = page.evaluate(WIDER_THAN_SCREEN)
        assert not wide, f"at {size['width']} px: {wide}"
    page.set_viewport_size(PHONE)
    unusable = page.evaluate(CONTROLS_OPERABLE)
    assert not unusable, unusable


def _controls_beside_their_chart(page) -> None:
    """On a projector: where a chart follows controls, the two side by side, and the chart in view
    when the last of the controls is."""
    columns = page.locator(".ickit-columns")
    if not columns.count():
        return
    expect(columns.first.locator(".ickit-chart .main-svg").first).to_be_attached(timeout=TIMEOUT)
    controls, outputs = columns.first.locator(".ickit-controls"), columns.first.locator(".ickit-outputs")
    left, right = controls.bounding_box(), outputs.bounding_box()
    assert right["x"] >= left["x"] + left["width"], (left, right)
    controls.locator("select:visible, input:visible, button:visible").last.scroll_into_view_if_needed()
    plot = outputs.locator(".ickit-chart").first.bounding_box()
    seen = min(plot["y"] + plot["height"], PROJECTOR["height"]) - max(plot["y"], 0)
    assert seen >= min(plot["height"], PROJECTOR["height"]) / 2, plot


def test_landing_page_and_statement(page, voila_server):
    page.goto(voila_server.base_url)
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        axe_check(page, f"landing {size['width']}x{size['height']}")
        assert not page.evaluate(WIDER_THAN_SCREEN)
    page.get_by_role("link", name="Accessibility statement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        axe_check(page, f"statement {size['width']}x{size['height']}")
        assert not page.evaluate(WIDER_THAN_SCREEN)


def test_live_slides(page, voila_server):
    page.goto(f"{voila_server.url('law1_targeting.ipynb')}?template=ickit-reveal", timeout=120_000)
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=300_000)
    page.wait_for_selector(".reveal .slides .ickit-chart .main-svg", state="attached", timeout=300_000)
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.wait_for_timeout(300)
        axe_check(page, f"slides:law1_targeting.ipynb {size['width']}x{size['height']}")
        page.keyboard.press("End")
        axe_check(page, f"slides:law1_targeting.ipynb {size['width']}x{size['height']} last slide")
        page.keyboard.press("Home")


# --- the keyboard alone: Tab, arrows, Enter and Space -------------------------------------------

def keyboard_download(page, link: str) -> str:
    """Tab to the link named ``link``, press Enter: the name of the file the browser gets."""
    tab_to(page, link)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    return download.value.suggested_filename


def retype(page, text: str) -> None:
    """Put ``text`` in place of what the focused field holds."""
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def contents_by_keyboard(page):
    tab_to(page, "^Topic")
    page.keyboard.press("ArrowDown")
    tab_to(page, "^Filter")
    page.keyboard.type("budget")
    page.keyboard.press("Enter")
    shown(page, "budget")
    return None


def law1_by_keyboard(page):
    tab_to(page, "^Severe needs")
    page.keyboard.press("Home")  # Not targeted
    shown(page, "0 of 80 reached")
    return keyboard_download(page, "Download this plan")


def law2_by_keyboard(page):
    tab_to(page, "^Savings a year")
    retype(page, "50")
    page.keyboard.press("Enter")
    shown(page, "never pays back")
    return keyboard_download(page, "Download the years")


def stakeholders_by_keyboard(page):
    tab_to(page, "^Stakeholder")
    page.keyboard.press("Home")  # a new stakeholder
    expect(page.get_by_label("Name", exact=True)).to_have_value("", timeout=TIMEOUT)  # its form, emptied
    tab_to(page, "^Name")
    page.keyboard.type("Parish council")
    tab_to(page, "^Power")
    retype(page, "8")
    tab_to(page, "^Save$")
    page.keyboard.press("Space")
    shown(page, "Saved Parish council")
    return keyboard_download(page, "Download the map")


def lessons_by_keyboard(page):
    tab_to(page, "^1\\. ")
    page.keyboard.press("ArrowDown")  # 0 Not at all
    tab_to(page, "^2\\. ")
    page.keyboard.press("End")  # 3 Fully
    shown(page, "To talk about")
    return keyboard_download(page, "Download record")


def readiness_by_keyboard(page):
    tab_to(page, "^A commitment to achieving personal outcomes")
    page.keyboard.press("End")
    tab_to(page, "^Show Vision")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Hide Vision")).to_be_visible(timeout=TIMEOUT)
    tab_to(page, "^A vision that can be turned into goals", limit=1)  # Vision's first item, now shown
    page.keyboard.press("ArrowDown")
    shown(page, "36 of 38 items not rated")
    return keyboard_download(page, "Download report")


# the name of the group of choices the focus is in, if none is chosen yet (else null)
GROUP_TO_ANSWER = """() => {
    const radio = document.activeElement, group = radio.closest('[role=radiogroup]');
    return radio.type === 'radio' && group && !group.querySelector('input:checked')
        ? group.getAttribute('aria-label') : null;
}"""


def team_by_keyboard(page):
    tab_to(page, "^Explore$")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # Guided choice
    for i, question in enumerate(CONTENT.team_choice.questions, 1):
        # to the first question's choices, then one press from a question's choices to the next's
        for _ in range(300 if i == 1 else 1):
            tab_to(page, ".", limit=1)
            if page.evaluate(GROUP_TO_ANSWER):
                break
        assert page.evaluate(GROUP_TO_ANSWER) == f"{i}. {question.prompt}"
        page.keyboard.press("ArrowDown" if i % 2 else "Space")  # the second choice, or the first
    tab_to(page, "^Suggest models$")
    page.keyboard.press("Enter")
    shown(page, "Suggestions below")
    tab_to(page, "^Use the top two$")
    page.keyboard.press("Space")
    shown(page, "Chosen:")
    tab_to(page, "^Guided choice$", shift=True)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # Save and load
    return keyboard_download(page, "Download the rationale")


def timeline_by_keyboard(page):
    for _ in range(6):  # to the sixth workstream's, Culture change's
        tab_to(page, "^Duration$")
    retype(page, "36")
    page.keyboard.press("Enter")
    expect(page.locator(".ickit-plan-warnings-box")).not_to_contain_text(
        "Culture change given too little time", timeout=TIMEOUT)
    tab_to(page, "Prepare the plan.s files")
    page.keyboard.press("Space")
    expect(page.get_by_role("link", name=re.compile("^Plan \\(JSON"))).to_be_visible(timeout=TIMEOUT)
    return keyboard_download(page, "^Plan \\(JSON")


BY_KEYBOARD: dict[str, tuple[Callable, str | None]] = {
    "contents.ipynb": (contents_by_keyboard, None),
    "law1_targeting.ipynb": (law1_by_keyboard, "law1_targeting.md"),
    "law2_costs.ipynb": (law2_by_keyboard, "law2_costs.csv"),
    "stakeholder_map.ipynb": (stakeholders_by_keyboard, "stakeholder_map.md"),
    "lessons_check.ipynb": (lessons_by_keyboard, "lessons-check.md"),
    "readiness.ipynb": (readiness_by_keyboard, "readiness.md"),
    "team_selector.ipynb": (team_by_keyboard, "our-team.md"),
    "timeline_planner.ipynb": (timeline_by_keyboard, "a-two-year-pilot.json")}


@pytest.mark.parametrize("notebook", list(BY_KEYBOARD))
def test_dashboard_by_keyboard_alone(notebook, page, voila_server, open_dashboard):
    open_dashboard(page, voila_server, notebook)
    page.wait_for_selector(".ickit-view", timeout=TIMEOUT)
    task, exported = BY_KEYBOARD[notebook]
    assert task(page) == exported


def test_a_room_by_keyboard_alone(page, browser, voila_server, open_dashboard):
    """The rooms' main task, across their two dashboards: a trainer opens a room, a participant on
    a phone joins it with its code and answers an item, and the trainer downloads the report."""
    open_dashboard(page, voila_server, "room_facilitator.ipynb")
    tab_to(page, "^Title")
    page.keyboard.type("Keyboard room")
    tab_to(page, "^Open the room")
    page.keyboard.press("Enter")
    shown(page, "is open")
    code = page.locator(".ickit-room-code b").inner_text()

    context = browser.new_context(viewport=PHONE)  # a participant's own phone
    context.set_default_timeout(TIMEOUT)
    phone = context.new_page()
    watch(phone, page.problems)
    try:
        open_dashboard(phone, voila_server, "room.ipynb")
        tab_to(phone, "^Room code")
        phone.keyboard.type(code)
        phone.keyboard.press("Tab")  # leaving the field joins, before its button is reached
        shown(phone, "You have joined")
        first = phone.locator(".ickit-item").first.inner_text()
        # the field and its button are gone: the page takes the keyboard on to the first item's
        # answer, its drop-down named by the item
        focus_lands_on(phone, "^" + re.escape(first))
        phone.keyboard.press("End")
        expect(phone.locator(".ickit-saved").first).to_be_visible(timeout=TIMEOUT)
    finally:
        context.close()

    expect(page.locator(".ickit-view").first).to_contain_text(re.compile(r"1\s+have answered"), timeout=TIMEOUT)
    tab_to(page, "^Talk about these first$")  # the tab shown; the arrows reach the others
    for _ in range(5):
        page.keyboard.press("ArrowRight")
        if page.evaluate(FOCUSED)["name"] == "Downloads":
            break
    page.keyboard.press("Enter")
    tab_to(page, "^Prepare the downloads")
    page.keyboard.press("Space")
    expect(page.get_by_role("link", name="Report (Markdown)")).to_be_visible(timeout=TIMEOUT)  # drawn
    assert keyboard_download(page, "^Report \\(Markdown") == f"room-{code.lower()}-report.md"


ROOMS = {"room.ipynb", "room_facilitator.ipynb"}  # one task across both: test_a_room_by_keyboard_alone


def test_every_dashboard_has_its_states_and_its_keyboard_task():
    assert set(STATES) == set(BY_KEYBOARD) | ROOMS == {d.notebook for d in CONTENT.dashboards}
