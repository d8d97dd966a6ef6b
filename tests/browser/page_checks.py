"""Checks of what a page shows: scripts for ``page.evaluate``, and :func:`axe_check`."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import yaml
from axe_playwright_python.base import AXE_SCRIPT  # axe-core, bundled: nothing is fetched

# every chart in view has drawn: a chart in a closed tab or accordion is drawn when it is shown
CHARTS_DRAWN = """() => [...document.querySelectorAll('.ickit-chart')]
    .filter(chart => chart.offsetWidth > 0).every(chart => chart.querySelector('.main-svg'))"""
# the sides of each drawn chart whose margin plotly had to widen for what is drawn in it
WIDENED_MARGINS = """() => [...document.querySelectorAll('.ickit-chart .js-plotly-plot')].flatMap(plot => {
    const {margin, _size: drawn} = plot._fullLayout;
    return ['l', 'r', 't', 'b'].filter(side => Math.round(drawn[side]) > margin[side])
        .map(side => `${side}: ${margin[side]} -> ${Math.round(drawn[side])} px`);
})"""

AXE_ALLOWED = Path(__file__).with_name("axe_allowed.yaml")
BLOCKING = {"serious", "critical"}  # never allowed
# axe-core's rules as it runs them by default, with WCAG 2.2's target size (24 px) and the check
# that a control's name holds the text of its visible label
AXE_OPTIONS = {"resultTypes": ["violations"],
               "rules": {"target-size": {"enabled": True}, "label-content-name-mismatch": {"enabled": True}}}


def allowed_findings(path: Path = AXE_ALLOWED) -> list[dict]:
    """The moderate and minor findings the kit accepts: each a ``rule``, the ``pages`` it may
    occur on (a pattern of the names tests give to ``axe_check``), optionally the ``targets`` it
    may occur in (text any of which the element's selector or markup contains), and its ``reason``."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for entry in entries:
        missing = {"rule", "pages", "reason"} - set(entry)
        assert not missing, f"{path.name}: an entry lacks {', '.join(sorted(missing))}: {entry}"
    return entries


def _allowed(rule: str, where: str, node: dict, entries: list[dict]) -> bool:
    at = " ".join(map(str, node["target"])) + " " + node["html"]
    return any(e["rule"] == rule and fnmatch.fnmatchcase(where, e["pages"])
               and (not e.get("targets") or any(t in at for t in e["targets"])) for e in entries)


def axe_check(page, where: str, include: str | None = None) -> None:
    """Run axe-core on ``page`` as it is now (or only on the elements matching the CSS selector
    ``include``) and fail on any serious or critical finding, and on any other one that
    ``axe_allowed.yaml`` does not list for ``where`` (a name for the page and its state, e.g.
    ``"dashboard:readiness.ipynb 390x844"``, shown in the report and matched by the list)."""
    if not page.evaluate("() => Boolean(window.axe)"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate("([context, options]) => axe.run(context || document, options)",
                            [include, AXE_OPTIONS])
    entries, found = allowed_findings(), []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            impact = node.get("impact") or violation["impact"]
            if impact in BLOCKING or not _allowed(violation["id"], where, node, entries):
                summary = (node.get("failureSummary") or "").replace("\n", " ")
                found.append(f"{impact} {violation['id']} ({violation['help']}): "
                             f"{' '.join(map(str, node['target']))}\n      {node['html'][:200]}\n"
                             f"      {summary[:300]}")
    assert not found, f"axe-core on {where}: {len(found)} finding(s)\n  " + "\n  ".join(found)


# what the focused element is: its tag, its name (its label, or its text), and whether its focus
# shows (an outline of 2 px or more, a ring drawn as a shadow, or the browser's own ring)
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const labels = el.labels ? [...el.labels].map(l => l.textContent).join(' ') : '';
    const field = ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName);
    const name = (el.getAttribute('aria-label') || labels || (field ? el.title || el.placeholder : el.textContent)
                  || el.title || '').replace(/\\s+/g, ' ').trim();
    const style = getComputedStyle(el);
    // a date field's calendar button has focus when the field is focused but not focus-visible:
    // Chromium rings that button itself
    const shows = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
        || style.boxShadow !== 'none' || (el.type === 'date' && !el.matches(':focus-visible'));
    return {tag: el.tagName.toLowerCase(), role: el.getAttribute('role') || '', name, shows,
            value: el.value === undefined ? null : String(el.value)};
}"""
# elements wider than the screen or beyond its edges, and boxes that scroll sideways; but for a
# data table in a box of its own that scrolls (WCAG's reflow lets a data table keep its columns)
WIDER_THAN_SCREEN = """() => {
    const width = document.documentElement.clientWidth, found = [];
    const named = el => `${el.tagName.toLowerCase()}.${String(el.className).split(' ').slice(0, 3).join('.')}`;
    for (const el of document.querySelectorAll('body *')) {
        if (el.closest('svg') || el.closest('.ickit-table-scroll') || !el.checkVisibility()) continue;
        const box = el.getBoundingClientRect();
        if (box.width && box.height && (box.right > width + 1 || box.left < -1)) {
            found.push(`${named(el)} spans ${Math.round(box.left)} to ${Math.round(box.right)} px`);
        }
        const overflow = getComputedStyle(el).overflowX;
        if (['auto', 'scroll'].includes(overflow) && el.scrollWidth > el.clientWidth + 1) {
            found.push(`${named(el)} scrolls sideways (${el.scrollWidth} px in ${el.clientWidth})`);
        }
    }
    return found;
}"""
# every control shown: on the screen once scrolled to, at least 24 px (its label, for a box or
# button inside one), and what a tap on its middle reaches
CONTROLS_OPERABLE = """() => {
    const width = document.documentElement.clientWidth, found = [];
    const controls = 'input:not([type=hidden]), select, textarea, button, a[href], summary, [tabindex]:not([tabindex="-1"])';
    for (const el of document.querySelectorAll(controls)) {
        if (el.closest('svg') || !el.checkVisibility({visibilityProperty: true})) continue;
        const target = el.closest('label') || el;
        const name = `${el.tagName.toLowerCase()} "${(target.textContent || el.value || '').trim().slice(0, 40)}"`;
        target.scrollIntoView({block: 'center', inline: 'nearest'});
        const box = target.getBoundingClientRect();
        if (box.left < -1 || box.right > width + 1) found.push(`${name}: off the screen`);
        if (box.width < 24 || box.height < 24) {
            found.push(`${name}: ${Math.round(box.width)} x ${Math.round(box.height)} px`);
        }
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (!hit || !(target.contains(hit) || hit.contains(target))) {
            found.push(`${name}: covered by ${hit ? hit.tagName.toLowerCase() + '.' + hit.className : 'nothing'}`);
        }
    }
    return found;
}"""


def tab_to(page, name, *, shift: bool = False, limit: int = 300) -> dict:
    """Press Tab (Shift+Tab if ``shift``) until the focused element's name matches the regular
    expression ``name``; fail if any element on the way does not show its focus."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if shift else "Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        assert focused["shows"], f"focus does not show on {focused}"
        if re.search(name, focused["name"]):
            return focused
    raise AssertionError(f"no element named like {name!r} within {limit} presses of Tab")


def focus_lands_on(page, name: str, timeout: float = 60_000) -> dict:
    """Wait until the page itself has moved the focus to an element named like the regular
    expression ``name`` (JavaScript's syntax), and check that the focus shows there."""
    page.wait_for_function(f"name => {{ const f = ({FOCUSED})(); return !!f && new RegExp(name).test(f.name); }}",
                           arg=name, timeout=timeout)
    focused = page.evaluate(FOCUSED)
    assert focused["shows"], f"focus does not show on {focused}"
    return focused
