"""What all views share: messages that read as problems everywhere, and layouts shared only
within a view."""

import importlib
import itertools
import os
import pkgutil
import re
from pathlib import Path

import ipywidgets as widgets

import ickit.views
from ickit.logic.text import slug
from ickit.views.common import Looks, Message, download_link, guarded

ROOT = Path(__file__).resolve().parents[1]


def test_a_problem_is_styled_inline_so_it_reads_as_one_outside_voila():
    message = Message()
    message.problem("That <file> is empty.")
    assert 'class="ickit-msg ickit-msg-problem" role="alert"' in message.value
    assert "border-left:4px solid #b3261e" in message.value and "color:#7f1d1d" in message.value
    assert "That &lt;file&gt; is empty." in message.value
    message.show("Loaded.")
    assert "ickit-msg-info" in message.value and "border-left:4px solid #1f77b4" in message.value
    assert "#b3261e" not in message.value


def test_a_download_is_a_button_styled_inline_so_it_looks_like_one_outside_voila():
    link = download_link("a <b>.md", "# x", "text/markdown", "Download <it>")
    assert link.startswith('<a class="ickit-download" style="display:inline-block;')
    assert "background:#0b4f6c;color:#fff" in link and "text-decoration:none" in link
    assert link.endswith('download="a &lt;b&gt;.md" href="data:text/markdown;base64,IyB4">Download &lt;it&gt;</a>')


def test_no_view_module_shares_a_layout_instance_between_widgets():
    for info in pkgutil.iter_modules(ickit.views.__path__):
        module = importlib.import_module(f"ickit.views.{info.name}")
        shared = [name for name, value in vars(module).items() if isinstance(value, widgets.Layout)]
        assert not shared, f"{info.name}: {shared}"


def test_looks_give_one_layout_and_style_per_setting_and_kind():
    looks = Looks()
    a = looks.make(widgets.HTML, "a", layout={"width": "5em"})
    b = looks.make(widgets.HTML, "b", layout={"width": "5em"})
    c = looks.make(widgets.Dropdown, options=["x"], layout={"width": "5em"}, style={"description_width": "initial"})
    d = looks.make(widgets.HTML, "d", layout={"width": "6em"})
    assert a.value == "a" and a.layout is b.layout is c.layout and a.style is b.style
    assert d.layout is not a.layout and d.layout.width == "6em"
    assert type(c.style).__name__ == "DescriptionStyle" and c.style.description_width == "initial"
    assert looks.make(widgets.HBox, [a, b]).layout is looks.layout()
    assert Looks().make(widgets.HTML, layout={"width": "5em"}).layout is not a.layout


def test_team_selector_shares_layouts_within_a_part_and_never_across(content):
    from ickit.views.team_selector import team_selector
    root = team_selector(content)
    parts = (root.explore, root.guided, root.saved, *root.compare)
    layouts = [{id(w.layout) for w in _walk(part) if isinstance(w, (widgets.Dropdown, widgets.RadioButtons))}
               for part in parts]
    assert all(not a & b for a, b in itertools.combinations(layouts, 2))
    assert len(root.guided.questions) > 1 and len(layouts[1]) == 1


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_slug():
    assert slug("../../Our Team & co", "x") == "our-team-co" and slug("!!!", "plan") == "plan"


def test_a_bug_shows_a_reference_and_logs_the_details(caplog):
    message = Message()

    @guarded(message)
    def change(_=None):
        raise RuntimeError("details for the log only")

    change()
    reference = re.search(r"reference ([0-9a-f]{8})", message.value).group(1)
    assert "details for the log only" not in message.value and "Traceback" not in message.value
    (record,) = [r for r in caplog.records if r.name == "ickit"]
    assert reference in record.getMessage() and record.exc_info[1].args == ("details for the log only",)


IN_A_KERNEL = """
from ickit.views.common import Message, guarded
message = Message()
guarded(message)(lambda: 1 / 0)()
print(message.value)
"""


def test_in_a_kernel_the_details_reach_the_server_log_not_the_page(tmp_path):
    """In a kernel a record without a handler went to sys.stderr, which ipykernel shows in the
    visitor's page; the server's log (the kernel's own error stream) got nothing."""
    from jupyter_client.manager import start_new_kernel

    server_log = tmp_path / "server.log"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "widgets"), os.environ.get("PYTHONPATH", "")])}
    with server_log.open("w") as stderr:
        km, kc = start_new_kernel(kernel_name="python3", stderr=stderr, env=env)
    page = []
    try:
        kc.execute_interactive(IN_A_KERNEL, timeout=120, output_hook=lambda msg: page.append(msg))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    shown = "".join(msg["content"].get("text", "") for msg in page if msg["msg_type"] == "stream")
    reference = re.search(r"reference ([0-9a-f]{8})", shown).group(1)
    assert "Traceback" not in shown and "ZeroDivisionError" not in shown
    logged = server_log.read_text()
    assert f"reference {reference}" in logged and "ZeroDivisionError" in logged and "Traceback" in logged
