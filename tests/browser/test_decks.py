"""Each deck, both workshops, the index and the trainer guide open from file:// in headless
Chromium, offline (no failed request, no console error, nothing outside the file system), and a
trainer can present them: the arrow keys reach every slide in order, and at 1280 x 720 every line
of text on a slide is at least 24 pt and the slide holds all it shows."""

import re
from pathlib import Path

import pytest
from page_checks import axe_check

from ickit.content import load_content
from ickit.materials import Details, build_all

SLIDES = Path(__file__).resolve().parents[2] / "slides"
LOCAL = ("file:", "data:", "about:", "blob:")
CONTENT = load_content()
PAGES = [d.id for d in sorted(CONTENT.decks, key=lambda d: d.order)] + [f"workshop-{w.id}" for w in CONTENT.workshops]
SMALLEST_PX = 32  # 24 pt
SIZES = [{"width": 1280, "height": 800}, {"width": 390, "height": 844}]


@pytest.fixture(scope="module")
def built(content):
    build_all(content, SLIDES, pdf=False,
              details={"half-day": Details("Ann Lee", "Care and Co", "3 May 2027", "http://127.0.0.1:9/?token=t")})
    return content


@pytest.fixture
def file_page(browser, request):
    """A page for file:// URLs at 1280 x 720; every problem, in it or in a popup, fails the test
    (but those matching the test's ``allow_console`` patterns)."""
    problems = []
    marker = request.node.get_closest_marker("allow_console")
    allowed = [re.compile(p) for p in marker.args] if marker else []
    context = browser.new_context(viewport={"width": 1280, "height": 720})
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
    problems = [p for p in problems if not any(a.search(p) for a in allowed)]
    assert not problems, "\n".join(problems)


def loads_font(page) -> bool:
    """The vendored Atkinson Hyperlegible font face loads (``check`` alone is true for no face)."""
    return page.evaluate("""async () => (await document.fonts.load('16px "Atkinson Hyperlegible"'))
        .some(f => f.status === 'loaded')""")


def open_deck(page, name: str):
    page.goto((SLIDES / name).as_uri(), wait_until="load")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")


@pytest.mark.parametrize("deck", PAGES)
def test_arrow_keys_reach_every_slide_in_order(built, file_page, deck):
    open_deck(file_page, f"{deck}.html")
    total = file_page.evaluate("Reveal.getTotalSlides()")
    assert total == file_page.locator(".slides > section.slide").count() > 2
    assert file_page.evaluate("Reveal.hasPlugin('notes')") and loads_font(file_page)
    seen = [file_page.evaluate("Reveal.getIndices()")]
    for _ in range(total - 1):
        file_page.keyboard.press("ArrowRight")
        seen.append(file_page.evaluate("Reveal.getIndices()"))
    assert [i["h"] for i in seen] == list(range(total)) and all(not i.get("v") for i in seen)
    assert file_page.evaluate("Reveal.isLastSlide()")
    file_page.keyboard.press("ArrowLeft")
    assert file_page.evaluate("Reveal.getIndices().h") == total - 2
    assert "min" in file_page.evaluate("Reveal.getSlideNotes()")


# Every slide in turn: the text in it smaller than 24 pt as shown, and whether it overflows.
MEASURE = """min => { const found = [];
  document.querySelectorAll('.slides > section.slide').forEach((slide, i) => {
    Reveal.slide(i);
    const scale = Reveal.getScale(), frame = slide.querySelector('.frame');
    const walker = document.createTreeWalker(frame, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || el.closest('footer, .chart, .qr, svg')) continue;
      const px = parseFloat(getComputedStyle(el).fontSize) * scale;
      if (px < min) found.push(`slide ${i + 1}: "${node.textContent.trim().slice(0, 40)}" at ${px.toFixed(1)}px`);
    }
    if (frame.scrollHeight > frame.clientHeight + 1 || frame.scrollWidth > frame.clientWidth + 1)
      found.push(`slide ${i + 1}: more than the slide holds (${frame.scrollWidth} x ${frame.scrollHeight})`);
  });
  return found; }"""


@pytest.mark.parametrize("deck", PAGES)
def test_text_is_large_enough_and_every_slide_holds_its_content(built, file_page, deck):
    open_deck(file_page, f"{deck}.html")
    assert file_page.evaluate("Reveal.getScale()") == pytest.approx(1, abs=0.01)
    assert file_page.evaluate(MEASURE, SMALLEST_PX) == []


def test_charts_and_diagrams_draw_from_the_bundled_plotly(built, file_page):
    open_deck(file_page, "time.html")
    file_page.wait_for_selector("[data-chart] .main-svg", state="attached")
    bars = file_page.locator("[data-chart] .bars .point").count()
    assert bars == len([t for t in built.timescales if t.years is not None])
    open_deck(file_page, "integrated-teams.html")
    charts = file_page.locator("[data-chart]")
    assert charts.count() == len(built.team_process_models) + len(built.team_management_types)
    file_page.wait_for_function("n => document.querySelectorAll('[data-chart] .main-svg').length >= n",
                                arg=charts.count())


def test_speaker_view_opens_offline(built, file_page):
    open_deck(file_page, "five-laws.html")
    law = built.laws[0]
    file_page.evaluate("id => Reveal.slide(Reveal.getSlides().findIndex(s => s.dataset.items === id))", law.id)
    with file_page.context.expect_page() as popup:
        file_page.keyboard.press("s")
    speaker = popup.value
    speaker.wait_for_load_state("load")
    speaker.wait_for_function("q => document.body.innerText.includes(q)", arg=law.example.split(".")[0])


@pytest.mark.parametrize("name", ["index.html", "trainer-guide.html"])
def test_run_sheet_and_guide_open_offline(built, file_page, name):
    file_page.goto((SLIDES / name).as_uri(), wait_until="load")
    links = file_page.eval_on_selector_all("a[href$='.html']", "els => els.map(e => e.href)")
    assert {f"{d.id}.html" for d in built.decks} <= {link.rsplit("/", 1)[-1] for link in links}
    assert loads_font(file_page)


def test_every_link_on_the_index_opens_offline(built, file_page):
    file_page.goto((SLIDES / "index.html").as_uri(), wait_until="load")
    links = file_page.eval_on_selector_all("a[href]", "els => [...new Set(els.map(e => e.href))]")
    assert len(links) > len(built.decks)
    for link in links:
        response = file_page.goto(link, wait_until="load")
        assert link.startswith("file:") and response is None or response.ok, link


# a workshop's own slides (its title, agenda, blocks and close); the decks' are checked in the decks
OWN = """() => [...document.querySelectorAll('.slides > section.slide')].flatMap((s, i) =>
    !s.classList.contains('content') || s.dataset.group === 'agenda' ? [i] : [])"""


# axe-core reads style sheets again to check some rules; a file:// page refuses it that, as it should
@pytest.mark.allow_console(r"from origin 'null' has been blocked by CORS policy",
                           r"^console: Failed to load resource: net::ERR_FAILED$",
                           r"^failed: file://\S+\.css net::ERR_FAILED")
@pytest.mark.parametrize("name", [*PAGES, "index", "trainer-guide"])
def test_axe_core_finds_nothing_serious_on_any_slide(built, file_page, name):
    """Every slide of every deck, a workshop's own slides, the index and the guide, on a
    projector's screen and a phone's: a deck shows one slide at a time, and hides the rest from
    screen readers, so each is checked in turn."""
    for size in SIZES:
        file_page.set_viewport_size(size)
        file_page.goto((SLIDES / f"{name}.html").as_uri(), wait_until="load")
        shown = [0]
        if name in PAGES:
            file_page.wait_for_function("() => window.Reveal && Reveal.isReady()")
            shown = file_page.evaluate(OWN if name.startswith("workshop-") else "Reveal.getTotalSlides()")
        for n, i in enumerate(shown if isinstance(shown, list) else range(shown)):
            file_page.evaluate("i => window.Reveal && Reveal.slide(i)", i)
            axe_check(file_page, f"slides:{name} slide {i + 1} {size['width']}x{size['height']}",
                      None if n == 0 else ".slides > section.present")  # the whole page once
