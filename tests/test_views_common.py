"""What all views share: messages that read as problems everywhere, and no shared Layouts."""

import importlib
import pkgutil

import ipywidgets as widgets

import ickit.views
from ickit.logic.text import md_cell, slug
from ickit.views.common import Message


def test_a_problem_is_styled_inline_so_it_reads_as_one_outside_voila():
    message = Message()
    message.problem("That <file> is empty.")
    assert 'class="ickit-msg ickit-msg-problem" role="alert"' in message.value
    assert "border-left:4px solid #b3261e" in message.value and "color:#7f1d1d" in message.value
    assert "That &lt;file&gt; is empty." in message.value
    message.show("Loaded.")
    assert "ickit-msg-info" in message.value and "border-left:4px solid #1f77b4" in message.value
    assert "#b3261e" not in message.value


def test_no_view_module_shares_a_layout_instance_between_widgets():
    for info in pkgutil.iter_modules(ickit.views.__path__):
        module = importlib.import_module(f"ickit.views.{info.name}")
        shared = [name for name, value in vars(module).items() if isinstance(value, widgets.Layout)]
        assert not shared, f"{info.name}: {shared}"


def test_team_selector_controls_get_their_own_layouts(content):
    from ickit.views.team_selector import team_selector
    root = team_selector(content)
    layouts = [w.layout for w in _walk(root) if isinstance(w, (widgets.Text, widgets.Dropdown))]
    assert len({id(x) for x in layouts}) == len(layouts)


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_md_cell_and_slug():
    assert md_cell("a |\n b") == "a \\| b"
    assert slug("../../Our Team & co", "x") == "our-team-co" and slug("!!!", "plan") == "plan"
