"""Live decks: each dashboard a workshop block uses runs as reveal.js slides under `ickit serve`
(`?template=ickit-reveal`), offline, with its widgets and charts rendered and every slide reached
by the arrow keys."""

import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ickit.content import load_content

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "widgets" / "ickit" / "share" / "voila" / "templates" / "ickit-reveal"
USED = sorted({b.dashboard for w in load_content().workshops for b in w.blocks if b.dashboard})


def test_the_live_decks_are_served_the_kits_reveal_js(voila_server):
    for name in ["dist/reveal.js", "dist/reveal.css", "plugin/notes/notes.js"]:
        url = f"{voila_server.base_url}voila/templates/ickit-reveal/static/reveal.js-4.6.1/{name}"
        with urllib.request.urlopen(url, timeout=30) as served:
            assert served.read() == (TEMPLATE / "static" / "reveal.js-4.6.1" / name).read_bytes()


@pytest.mark.parametrize("dashboard", USED)
def test_dashboard_runs_as_live_slides(dashboard, page, voila_server):
    # rendered on a fresh kernel: the pools hold the plain page, not the deck
    page.goto(f"{voila_server.url(dashboard + '.ipynb')}?template=ickit-reveal", timeout=120_000)
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=300_000)
    page.wait_for_selector(".reveal .slides .jupyter-widgets", state="attached", timeout=300_000)
    assert "Error displaying widget" not in page.inner_text("body")
    total = page.evaluate("Reveal.getTotalSlides()")
    assert total >= 2
    seen = [page.evaluate("Reveal.getIndices().h")]
    for _ in range(total - 1):  # the arrow keys reach every slide, in order
        page.keyboard.press("ArrowRight")
        seen.append(page.evaluate("Reveal.getIndices().h"))
    assert seen == list(range(total))
    page.keyboard.press("Home")
    page.keyboard.press("End")
    assert page.evaluate("Reveal.getIndices().h") == total - 1
    assert page.locator(".reveal .slides > section.present .jupyter-widgets").count() > 0
    # every one of these dashboards has a chart: it is drawn on its slide
    page.wait_for_selector(".reveal .slides .ickit-chart", state="attached", timeout=300_000)
    page.evaluate("""() => { const slide = document.querySelector('.reveal .slides .ickit-chart')
                                 .closest('.reveal .slides > section');
                             Reveal.slide([...slide.parentNode.children].indexOf(slide)); }""")
    expect(page.locator(".reveal .slides > section.present .ickit-chart .main-svg").first).to_be_attached(
        timeout=120_000)
