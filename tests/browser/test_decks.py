"""Each deck, the run sheet and the trainer guide open from file:// in headless Chromium, offline:
no failed request, no console error, no request outside the file system."""

from pathlib import Path

import pytest

from ickit.materials import build_all

SLIDES = Path(__file__).resolve().parents[2] / "slides"
LOCAL = ("file:", "data:", "about:", "blob:")


@pytest.fixture(scope="module")
def built(content):
    build_all(content, SLIDES, pdf=False)
    return content


@pytest.fixture
def file_page(browser):
    """A page for file:// URLs; every problem, in it or in a popup, fails the test at teardown."""
    problems = []
    context = browser.new_context()
    context.set_default_timeout(60_000)

    def guard(route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            problems.append(f"request outside the file system: {route.request.url}")
            route.abort()

    def watch(page):
        page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))

    context.route("**/*", guard)
    context.on("page", watch)
    page = context.new_page()
    yield page
    context.close()
    assert not problems, "\n".join(problems)


# slides whose content is taller than the deck's height (shown, so that it can be measured)
TOO_TALL = """() => [...document.querySelectorAll('.slides section:not(:has(section))')]
    .map((s, i) => { s.style.display = 'block'; return [i, s.dataset.item, s.scrollHeight]; })
    .filter(([i, item, height]) => height > Reveal.getConfig().height)"""


def loads_font(page) -> bool:
    """The vendored Atkinson Hyperlegible font face loads (``check`` alone is true for no face)."""
    return page.evaluate("""async () => (await document.fonts.load('16px "Atkinson Hyperlegible"'))
        .some(f => f.status === 'loaded')""")


def open_deck(page, name: str):
    page.goto((SLIDES / name).as_uri(), wait_until="load")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")


@pytest.mark.parametrize("deck", ["why-integrate", "five-laws", "ten-lessons",
                                  "outcomes-and-dimensions", "integrated-teams", "time"])
def test_deck_runs_offline_with_notes(built, file_page, deck):
    assert deck in built.by_id("decks")
    open_deck(file_page, f"{deck}.html")
    total = file_page.evaluate("Reveal.getTotalSlides()")
    assert total == file_page.locator(".slides section:not(:has(section))").count() > 2
    assert file_page.evaluate("Reveal.hasPlugin('notes')")
    file_page.evaluate("Reveal.slide(1, 0)")
    assert "min" in file_page.evaluate("Reveal.getSlideNotes()")
    assert loads_font(file_page)
    assert file_page.evaluate(TOO_TALL) == [], "slides taller than the deck: split the group"


def test_chart_draws_from_the_bundled_plotly(built, file_page):
    open_deck(file_page, "time.html")
    file_page.wait_for_selector("[data-chart] .main-svg", state="attached")
    bars = file_page.locator("[data-chart] .bars .point").count()
    assert bars == len([t for t in built.timescales if t.years is not None])


def test_speaker_view_opens_offline(built, file_page):
    open_deck(file_page, "five-laws.html")
    file_page.evaluate("id => { const i = Reveal.getIndices(document.querySelector(`section[data-item='${id}']`));"
                       " Reveal.slide(i.h, i.v); }", built.laws[0].id)
    with file_page.context.expect_page() as popup:
        file_page.keyboard.press("s")
    speaker = popup.value
    speaker.wait_for_load_state("load")
    question = built.laws[0].question
    speaker.wait_for_function("q => document.body.innerText.includes(q)", arg=question)


@pytest.mark.parametrize("name", ["index.html", "trainer-guide.html"])
def test_run_sheet_and_guide_open_offline(built, file_page, name):
    file_page.goto((SLIDES / name).as_uri(), wait_until="load")
    links = file_page.eval_on_selector_all("a[href$='.html']", "els => els.map(e => e.href)")
    assert {f"{d.id}.html" for d in built.decks} <= {link.rsplit("/", 1)[-1] for link in links}
    assert loads_font(file_page)
