"""The team model selector: explore the models, answer guided questions, compare, save and load.

``TeamSelector`` is the root widget; each tab is a small panel with its controls as attributes, so
tests drive it by setting ``.value`` and reading ``shown`` (the figures last drawn) or ``ranking``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Callable, Iterator

import ipywidgets as widgets
import plotly.graph_objects as go

from ..charts.team_diagrams import management_lines_spec, referral_route_spec
from ..content import Content, load_content
from ..errors import KitInputError
from ..logic.team_choice import Ranking, rank
from ..logic.team_config import Configuration, from_json, to_json, to_markdown
from ..logic.text import slug
from .chart import Chart
from .choices import Choices
from .common import Looks, Message, download_link, guarded, kit_view
from .team_cards import (line_facts, management_card, principle_card, process_card, ranking_card,
                         route_facts)

WIDE = {"width": "100%", "max_width": "560px"}  # a dict: a Layout of each view's own Looks


class Shown(Mapping):
    """The diagrams last drawn, by key: each read makes a new ``go.Figure`` from the dict shown,
    so the dashboard's kernel never builds one (no plotly validators) and no reader can change
    what another reads."""

    def __init__(self):
        self.specs: dict[str, dict] = {}

    def __getitem__(self, key: str) -> go.Figure:
        return go.Figure(self.specs[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self.specs)

    def __len__(self) -> int:
        return len(self.specs)


class Diagrams(widgets.VBox):
    """A process model and a management type, each with its diagram and its card."""

    def __init__(self, content: Content, compact: bool = False):
        self.content, self.compact = content, compact
        looks = Looks()
        self.process = _chooser(content.team_process_models, "Process model", looks)
        self.management = _chooser(content.team_management_types, "Management type", looks)
        self.charts = {"process": Chart(looks=looks), "management": Chart(looks=looks)}
        self.cards = {"process": looks.make(widgets.HTML), "management": looks.make(widgets.HTML)}
        self.shown = Shown()
        self.message = Message()
        self.process.observe(guarded(self.message)(self.draw_process), names="value")
        self.management.observe(guarded(self.message)(self.draw_management), names="value")
        self.draw_process()
        self.draw_management()
        parts = [self.process, self.charts["process"]]
        parts += [self.cards["process"], self.management, self.charts["management"], self.cards["management"]]
        parts += [] if compact else [looks.make(widgets.HTML, principle_card(content))]
        super().__init__([*parts, self.message])

    def draw_process(self, _change=None) -> None:
        model = self.content.by_id("team_process_models")[self.process.value]
        choice = self.content.team_choice
        self._show("process", referral_route_spec(model, choice.stages, choice.example_professions,
                                                  vertical=self.compact))
        self.cards["process"].value = (route_facts if self.compact else process_card)(model, self.content)

    def draw_management(self, _change=None) -> None:
        mtype = self.content.by_id("team_management_types")[self.management.value]
        diagram = {d.id: d for d in self.content.team_choice.management_diagrams}[mtype.id]
        self._show("management", management_lines_spec(mtype, diagram, small=self.compact))
        self.cards["management"].value = (line_facts if self.compact else management_card)(mtype, self.content)

    def _show(self, key: str, spec: dict) -> None:
        self.shown.specs[key] = spec
        self.charts[key].show(spec)


class Guided(widgets.VBox):
    """The questions; "Suggest" ranks the models, "Use the top two" hands the best pair to ``adopt``."""

    def __init__(self, content: Content, adopt: Callable[[str, str, dict], None]):
        self.content, self.adopt = content, adopt
        looks = Looks()
        numbered = {q.id: f"{i}. {q.prompt}" for i, q in enumerate(content.team_choice.questions, 1)}
        self.questions = {q.id: looks.make(Choices, options=[(o.label, o.id) for o in q.options],
                                           value=None, question=numbered[q.id], layout=WIDE)
                          for q in content.team_choice.questions}
        self.suggest = widgets.Button(description="Suggest models", button_style="primary")
        self.use = widgets.Button(description="Use the top two", disabled=True)
        self.message = Message()
        self.result = widgets.HTML()
        self.ranking: Ranking | None = None
        self.following = False  # after the first "Suggest", every change of answer re-ranks
        self.suggest.on_click(guarded(self.message)(self.run))
        for control in self.questions.values():
            control.observe(guarded(self.message)(self.rerun), names="value")
        self.use.on_click(guarded(self.message)(self.use_top))
        asked = [looks.make(widgets.VBox, [looks.make(widgets.HTML, f"<b>{html.escape(numbered[q.id])}</b>"),
                                           self.questions[q.id]])
                 for q in content.team_choice.questions]
        grid = widgets.GridBox(asked, layout=widgets.Layout(
            grid_template_columns="repeat(auto-fill, minmax(340px, 1fr))", grid_gap="4px 16px"))
        super().__init__([grid, widgets.HBox([self.suggest, self.use]), self.message, self.result])

    def answers(self) -> dict:
        return {qid: control.value for qid, control in self.questions.items()}

    def run(self, _button=None) -> None:
        """Rank the answers; on a problem, withdraw the old suggestions (no flicker when all is well)."""
        self.following = True
        try:
            self.ranking = rank(self.answers(), self.content)
        except KitInputError:
            self.ranking, self.use.disabled, self.result.value = None, True, ""
            raise
        self.result.value = ranking_card(self.ranking, self.content)
        self.use.disabled = False
        self.message.show("Suggestions below, best fit first. A score only reflects your answers.")

    def fill(self, answers: dict) -> None:
        """Put saved answers back (or clear them) and rank them if there are any."""
        self.following, self.ranking, self.use.disabled, self.result.value = False, None, True, ""
        self.message.clear()
        for qid, control in self.questions.items():
            control.value = answers.get(qid)
        if answers:
            self.run()

    def rerun(self, _change=None) -> None:
        if self.following:
            self.run()

    def use_top(self, _button=None) -> None:
        if self.ranking is None:
            raise KitInputError("Ask for suggestions first.")
        best = [ranked[0] for ranked in (self.ranking.process, self.ranking.management)]
        self.adopt(best[0].id, best[1].id, self.answers())
        ties = [ranked[0].name for ranked in (self.ranking.process, self.ranking.management)
                if ranked[0].score == ranked[1].score]
        note = f" {' and '.join(ties)} shares the top score: change it by hand if you prefer." if ties else ""
        self.message.show(f"Chosen: {best[0].name} with {best[1].name}. See Explore, Compare (as A) "
                          f"and Save and load.{note}")


class SaveLoad(widgets.VBox):
    """The chosen configuration: name, parts, note; Markdown and JSON downloads; load a saved JSON."""

    def __init__(self, content: Content, loaded: Callable[[Configuration], None] = lambda config: None):
        self.content, self.loaded = content, loaded
        looks = Looks()
        self.label = looks.make(widgets.Text, value="Our team", description="Name", layout=WIDE)
        self.process = _chooser(content.team_process_models, "Process model", looks)
        self.management = _chooser(content.team_management_types, "Management type", looks)
        self.note = widgets.Textarea(placeholder="Why this suits your team, and what you will watch for",
                                     description="Note", layout=widgets.Layout(width="95%", height="80px"))
        self.answers: dict = {}
        self.basis, self.downloads, self.preview = (looks.make(widgets.HTML) for _ in range(3))
        self.upload = widgets.FileUpload(accept=".json", multiple=False, description="Load a saved choice",
                                         layout=widgets.Layout(width="auto"))
        self.message = Message()
        refresh = guarded(self.message)(self.refresh)
        for control in (self.label, self.process, self.management, self.note):
            control.observe(refresh, names="value")
        self.upload.observe(guarded(self.message)(self.load), names="value")
        self.refresh()
        super().__init__([self.label, self.process, self.management, self.note, self.basis,
                          self.downloads, self.upload, self.message, self.preview])

    def configuration(self) -> Configuration:
        return Configuration(self.label.value, self.process.value, self.management.value,
                             dict(self.answers), self.note.value)

    def set(self, config: Configuration) -> None:
        self.answers = dict(config.answers)
        self.label.value, self.note.value = config.label, config.note
        self.process.value, self.management.value = config.process_model, config.management_type
        self.refresh()

    def refresh(self, _change=None) -> None:
        self.downloads.value = self.preview.value = ""
        self.basis.value = ("<small>With the reasons from your answers to the guided questions.</small>"
                            if self.answers else
                            "<small>Chosen by hand: use the guided questions to add reasons.</small>")
        config = self.configuration()
        markdown = to_markdown(config, self.content)
        self.message.clear()
        stem = slug(config.label, "team-configuration")
        self.downloads.value = " ".join((
            download_link(f"{stem}.md", markdown, "text/markdown", "Download the rationale (Markdown)"),
            download_link(f"{stem}.json", to_json(config), "application/json",
                          "Download the configuration (JSON)")))
        self.preview.value = ('<pre class="ickit-preview" role="region" aria-label="The rationale as it will '
                              'download" tabindex="0" style="white-space:pre-wrap;line-height:1.35;'
                              'max-height:32em;overflow:auto;background:#f6f7f9;padding:8px">'
                              f"{html.escape(markdown)}</pre>")

    def load(self, change) -> None:
        files = change["new"]
        if not files:
            return
        name = files[0]["name"]
        try:
            config = from_json(bytes(files[0]["content"]), self.content)
        finally:
            self.upload.value = ()
        self.set(config)
        self.loaded(config)
        self.message.show(f"Loaded {name}.")


class TeamSelector(widgets.VBox):
    """The root widget: Explore, Guided choice, Compare, Save and load."""

    TITLES = ("Explore", "Guided choice", "Compare two", "Save and load")

    def __init__(self, content: Content | None = None):
        content = content or load_content()
        self.explore = Diagrams(content)
        self.saved = SaveLoad(content, self.restore)
        self.guided = Guided(content, self.adopt)
        self.compare = (Diagrams(content, compact=True), Diagrams(content, compact=True))
        self.compare[1].process.value = content.team_process_models[-1].id
        self.compare[1].management.value = content.team_management_types[1].id
        side_by_side = widgets.HBox(
            [widgets.VBox([widgets.HTML(f"<h2>Configuration {n}</h2>"), panel],
                          layout=widgets.Layout(width="50%"))
             for n, panel in zip("AB", self.compare)])
        self.tabs = widgets.Tab([self.explore, self.guided, side_by_side, self.saved],
                                titles=self.TITLES)
        super().__init__([self.tabs])
        kit_view(self, "ickit-team-selector")

    def restore(self, config: Configuration) -> None:
        """A loaded choice is shown in Explore, and its answers, if any, fill the guided questions."""
        self.explore.process.value = config.process_model
        self.explore.management.value = config.management_type
        self.guided.fill(config.answers)

    def adopt(self, process: str, management: str, answers: dict) -> None:
        """Make a guided choice the one shown, compared as A and ready to save."""
        for panel in (self.explore, self.compare[0]):
            panel.process.value, panel.management.value = process, management
        saved = self.saved.configuration()
        self.saved.set(Configuration(saved.label, process, management, answers, saved.note))


def _chooser(items, description: str, looks: Looks) -> widgets.Dropdown:
    return looks.make(widgets.Dropdown, options=[(item.name, item.id) for item in items],
                      description=description, layout=WIDE, style={"description_width": "initial"})


def team_selector(content: Content | None = None) -> TeamSelector:
    """The dashboard's root widget."""
    return TeamSelector(content)
