"""Ten-lessons view: name the partners, record each one's answers, see lights and prompts."""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from ..charts.lessons_check import COLOURS, traffic_lights, traffic_lights_spec
from ..content import Content, load_content
from ..logic import lessons_check as logic
from .chart import Chart
from .common import Looks, Message, choice, chosen, download_link, guarded, kit_view, side_by_side
from .rating import on_upload, rating_dropdown, scale_intro

NOT_ANSWERED = "— not answered —"
DEFAULT_PARTNERS = "Health board, Local authority"


class LessonsCheckView(widgets.VBox):
    """The partnership check; ``answers`` holds every partner's answers, ``controls`` the dropdowns."""

    def __init__(self, content: Content | None = None, partners: str = DEFAULT_PARTNERS):
        self.content = content or load_content()
        self.settings = self.content.assessment.lessons_check
        self.lessons = sorted(self.content.lessons, key=lambda lesson: lesson.number)
        self.message = Message()
        self.partners = widgets.Text(value=partners, description="Partners",
                                     placeholder="names separated by commas",
                                     continuous_update=False, layout={"width": "620px"})
        self.answering = widgets.Dropdown(description="Answers of", options=[])
        self.controls: dict[str, widgets.Dropdown] = {}
        self.answers: dict[str, dict[str, int | None]] = {}
        self.chart = Chart()
        self.summary = widgets.HTML()
        self.downloads = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".csv", multiple=False, description="Load answers (CSV)",
                                         layout={"width": "220px"})
        self._loading = False
        super().__init__([self._intro(), widgets.HBox([self.partners, self.upload]), side_by_side(
            [self.answering, self.message, self._questions()], [self.chart, self.summary, self.downloads])])
        kit_view(self, "ickit-lessons-check")
        self._wire()
        self.set_partners(partners)

    # --- layout ---------------------------------------------------------------------------------

    def _intro(self) -> widgets.HTML:
        return scale_intro(self.settings, "Each partner answers in turn: pick whose answers you "
                                          "are entering.")

    def _questions(self) -> widgets.VBox:
        looks = Looks()
        for lesson in self.lessons:
            self.controls[lesson.id] = rating_dropdown(
                self.settings, NOT_ANSWERED, f"<b>{lesson.number}. {html.escape(lesson.heading)}</b> – "
                                             f"{html.escape(lesson.question)}", looks)
        return widgets.VBox(list(self.controls.values()))

    # --- events and callbacks -------------------------------------------------------------------

    def _wire(self) -> None:
        guard = guarded(self.message)
        self.partners.observe(guard(lambda change: self._loading or self.set_partners(change["new"])),
                              names="value")
        self.upload.observe(guard(on_upload(self.upload, self.load_csv)), names="value")
        self.answering.observe(guard(lambda change: self._load_answers()), names="value")
        for lesson_id, dropdown in self.controls.items():
            record = guard(lambda change, lesson_id=lesson_id: self._record(lesson_id, chosen(change["new"])))
            dropdown.observe(record, names="value")

    def set_partners(self, text: str) -> None:
        """Use the partners named in ``text``; answers of partners still named are kept."""
        names = logic.parse_partners(text)
        self.answers = {name: self.answers.get(name, {}) for name in names}
        current = self.answering.value
        self.answering.options = names
        self.answering.value = current if current in names else names[0]
        self._load_answers()

    def load_csv(self, data: bytes) -> None:
        """Take partners and answers from a CSV saved earlier, replacing those on screen."""
        answers = logic.from_csv(self.content, data)
        self.answers = answers
        self._loading = True
        try:
            self.partners.value = ", ".join(answers)
        finally:
            self._loading = False
        self.set_partners(self.partners.value)

    def _load_answers(self) -> None:
        """Show the chosen partner's answers in the dropdowns without recording them again."""
        given = self.answers.get(self.answering.value, {})
        self._loading = True
        try:
            for lesson_id, dropdown in self.controls.items():
                dropdown.value = choice(given.get(lesson_id))
        finally:
            self._loading = False
        self.refresh()

    def _record(self, lesson_id: str, value: int | None) -> None:
        if not self._loading:
            self.answers[self.answering.value][lesson_id] = value
            self.refresh()

    def refresh(self) -> None:
        """Recompute the lights from every partner's answers and redraw."""
        self.results = logic.evaluate(self.content, self.answers)
        self.chart.show(traffic_lights_spec(self.results, self.settings))
        self.summary.value = self._summary_html()
        self.downloads.value = " ".join([
            download_link("lessons-check.md", logic.to_markdown(self.content, self.results),
                          "text/markdown", "Download record (Markdown)"),
            download_link("lessons-check.csv", logic.to_csv(self.content, self.results),
                          "text/csv", "Download answers (CSV)")])
        missing = sum(r.ratings[p] is None for r in self.results for p in r.ratings)
        total = len(self.results) * len(self.answers)
        self.message.show(f"{missing} of {total} answers still to give; lights use the answers given."
                          if missing else "Every partner has answered every question.")

    @property
    def figure(self) -> go.Figure:
        """The chart on screen as a ``go.Figure``, built when asked for."""
        return traffic_lights(self.results, self.settings)

    def _summary_html(self) -> str:
        tally = logic.counts(self.results)
        chips = " ".join(f'<span style="color:{COLOURS[shade]}">&#9679;</span> {shade} {n}'
                         for shade, n in tally.items())
        talk = [r for r in self.results if r.prompt]
        items = "".join(
            f"<li><b>{r.lesson.number}. {html.escape(r.lesson.heading)}</b> ({r.light}"
            f"{', partners disagree' if r.disagreement else ''}): {html.escape(r.prompt)}</li>"
            for r in talk)
        body = f"<ul>{items}</ul>" if talk else "<p>No lesson is weak among those answered.</p>"
        return f"<p>{chips}</p><h2>To talk about</h2>{body}"


def lessons_check_view(content: Content | None = None) -> LessonsCheckView:
    """The ten-lessons partnership check as one widget, for a notebook or a dashboard."""
    return LessonsCheckView(content)
