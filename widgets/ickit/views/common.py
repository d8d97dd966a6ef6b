"""What every view shares: a message line, guarded callbacks, download links, shared looks, the
kit's style sheet, parts that open and close, and controls laid beside what they drive."""

from __future__ import annotations

import base64
import functools
import html
import logging
import math
import secrets
from pathlib import Path
from typing import Callable

import ipywidgets as widgets

from ..errors import KitInputError
from ..upstream import kernel_log_stream

log = logging.getLogger("ickit")
VIEWS_CSS = Path(__file__).with_name("views.css")

MESSAGE_STYLES = {  # inline, so a problem reads as one in JupyterLab too, not only in the Voila template
    "info": "border-left:4px solid #1f77b4;padding:2px 8px;color:#1d3557",
    "problem": "border-left:4px solid #b3261e;padding:2px 8px;color:#7f1d1d;background:#fdf0ef",
}


def table_box(table: str, label: str) -> str:
    """``table`` (HTML) in a box of its own that scrolls sideways where the table is wider than
    a phone, named ``label`` (escaped here) and reached by the keyboard so that it can scroll it
    too: WCAG's reflow lets a data table keep its columns."""
    return (f'<div class="ickit-table-scroll" role="region" aria-label="{html.escape(label, quote=True)}" '
            f'tabindex="0">{table}</div>')


def live(box: widgets.HTML) -> widgets.HTML:
    """Have screen readers read ``box`` out when it changes: on the kit's pages the box itself
    becomes a live region (the ickit template's ``ickit-live.js``); put a ``role`` of status or
    alert on what it shows for JupyterLab, where nothing marks the box."""
    box.add_class("ickit-live")
    return box


class Message(widgets.HTML):
    """A one-line note under a control: empty, an information, or a problem to fix. A screen
    reader reads out a problem, and an information too unless ``announce`` is false (a note that
    changes at every key pressed)."""

    def __init__(self, announce: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.announce = announce
        if announce:
            live(self)

    def show(self, text: str, kind: str = "info") -> None:
        role = ' role="alert"' if kind == "problem" else ' role="status"' if self.announce else ""
        self.value = (f'<div class="ickit-msg ickit-msg-{kind}"{role} '
                      f'style="{MESSAGE_STYLES.get(kind, MESSAGE_STYLES["info"])}">{html.escape(text)}</div>')

    def problem(self, text: str) -> None:
        self.show(text, "problem")

    def clear(self) -> None:
        self.value = ""


# The value of a drop-down's option that means no choice ("not rated", "not targeted"): ipywidgets
# takes a value of None as no selection at all and would show the drop-down empty once someone chose
# that option, so it carries "" instead. Every such drop-down goes through choice() and chosen().
NO_CHOICE = ""


def choice(value):
    """The drop-down value for ``value``, where ``None`` is the option that means no choice."""
    return NO_CHOICE if value is None else value


def chosen(value):
    """What a drop-down's value stands for: ``None`` for the option that means no choice."""
    return None if value == NO_CHOICE else value


class Looks:
    """Layouts and styles for the many alike widgets of one view: one of each distinct setting.

    A widget built without them gets a layout and a style of its own, each one more model for the
    browser to build as the page opens (the readiness check with its 38 rows was 355 models, 163 with
    these). Made per view, never per module, so none outlives the widgets holding it; and never
    changed in place, since every widget holding one would change with it.
    """

    def __init__(self) -> None:
        self._made: dict[tuple, widgets.Widget] = {}

    def make(self, kind: type[widgets.DOMWidget], *args, layout: dict | None = None,
             style: dict | None = None, **kwargs) -> widgets.DOMWidget:
        """``kind(*args, **kwargs)`` holding this view's layout for ``layout`` and, if ``kind``
        has a style, its style for ``style``."""
        kwargs["layout"] = self.layout(**(layout or {}))
        if "style" in kind.class_traits():
            kwargs["style"] = self._one(kind.class_traits()["style"].klass, style or {})
        return kind(*args, **kwargs)

    def layout(self, **settings: str) -> widgets.Layout:
        """This view's layout of ``settings``, for a widget ``make`` does not build."""
        return self._one(widgets.Layout, settings)

    def _one(self, kind: type[widgets.Widget], settings: dict) -> widgets.Widget:
        key = (kind, tuple(sorted(settings.items())))
        if key not in self._made:
            self._made[key] = kind(**settings)
        return self._made[key]


def guarded(message: Message) -> Callable:
    """Decorate a callback so that bad input, or a bug, shows a short message, never a traceback.

    A bug's traceback goes to the server's log with a short reference, and the person sees only
    the reference (:func:`log_failure`).
    """

    def wrap(callback: Callable) -> Callable:
        @functools.wraps(callback)
        def run(*args, **kwargs):
            try:
                result = callback(*args, **kwargs)
            except KitInputError as err:
                message.problem(str(err))
            except Exception:  # a bug: keep the details in the log, give the person a short note
                reference = log_failure(f"callback {callback.__name__}")
                message.problem("Something went wrong with that change; it was not applied "
                                f"(reference {reference}: the details are in the server's log).")
            else:
                return result
        return run

    return wrap


def log_failure(what: str) -> str:
    """Log the exception being handled, traceback and all, with a new reference; give the reference.

    The ``ickit`` logger gets a handler the first time if nothing above it has one (as in a
    kernel): without one, Python prints the record on ``sys.stderr``, which a kernel sends to the
    visitor's page and not to the server's log.
    """
    reference = secrets.token_hex(4)
    if not log.hasHandlers():
        handler = logging.StreamHandler(kernel_log_stream())
        handler.setFormatter(logging.Formatter("[ickit] %(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
    log.exception("reference %s: %s failed", reference, what)
    return reference


def whole_number_box(value: int, **kwargs) -> widgets.FloatText:
    """A box for a whole number: a FloatText, whose box shows what the kernel gets. The browser's
    box of an IntText shows "1e308" as "1308" and "0.5" as "05" while the kernel gets 1 and 5, so
    a person could not see the number used. Read it with :func:`whole_or_as_typed`."""
    return widgets.FloatText(value, **kwargs)


def whole_or_as_typed(value: float) -> int | float:
    """A number box's value as an ``int`` when it is a whole number, else as it is, for the logic
    to refuse with its message."""
    return int(value) if math.isfinite(value) and float(value).is_integer() else value


def prepare_link(button: widgets.Button, link: widgets.HTML, busy: str, make: Callable[[], str]) -> None:
    """Show ``busy`` in ``link`` while ``make()`` builds it, the button off; on a failure the link
    is left empty (``finally``) and the error goes on to the guarded callback's message."""
    link.value, button.disabled = busy, True
    made = ""
    try:
        made = make()
    finally:
        link.value, button.disabled = made, False


# inline, so a download looks like a button in JupyterLab too, which loads none of the kit's CSS
DOWNLOAD_STYLE = ("display:inline-block;margin:.2em .5em .2em 0;padding:.35em .9em;border-radius:4px;"
                  "background:#0b4f6c;color:#fff;font-weight:600;text-decoration:none;line-height:1.4")


def download_link(filename: str, data: bytes | str, mime: str, label: str | None = None) -> str:
    """A link, drawn as a button, that hands ``data`` to the browser as a file: nothing is written
    on the server."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    href = f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}"
    text = html.escape(label or f"Download {filename}")
    return (f'<a class="ickit-download" style="{DOWNLOAD_STYLE}" '
            f'download="{html.escape(filename, quote=True)}" href="{href}">{text}</a>')


@functools.cache
def _views_css() -> str:
    return VIEWS_CSS.read_text(encoding="utf-8")


def kit_view(view: widgets.Box, name: str) -> None:
    """Make ``view`` one of the kit's views: its CSS classes (``ickit-view`` and ``name``) and,
    last among its children, the kit's style sheet (``views.css``), which it needs in JupyterLab
    as on the kit's pages: labels that wrap, focus that shows, layouts for projectors and phones."""
    style = widgets.HTML(f"<style>{_views_css()}</style>", layout={"display": "none"})
    view.children = (*view.children, style)
    view.add_class("ickit-view")
    view.add_class(name)


def long_label(control: widgets.DOMWidget) -> widgets.DOMWidget:
    """``control`` with its description shown whole, wrapped over lines beside it, or over it
    where the two do not fit: a question as the label of its answer."""
    control.add_class("ickit-long-label")
    return control


def side_by_side(controls: list[widgets.Widget], outputs: list[widgets.Widget]) -> widgets.Box:
    """``controls`` beside the ``outputs`` they drive where both fit (a projector), the outputs
    staying in view as the controls scroll; one above the other where not (a phone)."""
    left, right = widgets.VBox(controls), widgets.VBox(outputs)
    left.add_class("ickit-controls")
    right.add_class("ickit-outputs")
    box = widgets.Box([left, right])
    box.add_class("ickit-columns")
    return box


class Disclosure(widgets.VBox):
    """A part with a title that opens and closes, from the keyboard too: a button (Enter or
    Space) that says what it does, "Show" or "Hide" and the title. Jupyter's Accordion cannot be
    opened from the keyboard (its titles take no focus) and tells no screen reader if it is open."""

    def __init__(self, title: str, body: widgets.Widget, opened: bool = False):
        self.title = title
        self.button = widgets.Button()  # as wide as the part: views.css
        self.button.add_class("ickit-disclosure-button")
        self.body = widgets.VBox([body])  # a layout of its own, to hide
        self.button.on_click(lambda _button: self.set_open(not self.opened))
        super().__init__([self.button, self.body])
        self.add_class("ickit-disclosure")
        self.set_open(opened)

    def set_open(self, opened: bool) -> None:
        self.opened = opened
        self.body.layout.display = None if opened else "none"
        self.button.description = f"{'Hide' if opened else 'Show'} {self.title}"
        self.button.icon = "caret-down" if opened else "caret-right"
