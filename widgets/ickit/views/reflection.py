"""Reflection boxes that save as the learner types, and the learning-log download."""

from __future__ import annotations

import time
from html import escape

import ipywidgets as widgets

from ..content import load_content
from ..errors import KitInputError
from ..logic import course
from ..logic.reflections import NotesStore, learning_log
from .common import Message, download_link, guarded, kit_view, long_label


class Reflections(widgets.VBox):
    """One Textarea per prompt of a part, filled from and saved to the learner's notes file; with
    ``learning_log``, the learning-log download under them, brought up to date at each save."""

    def __init__(self, part_id: str, store: NotesStore | None = None, learning_log: bool = False):
        self.part = course.part(load_content(), part_id)
        self.store = store or NotesStore()
        self.message = Message(announce=False)  # "Saved" at every key pressed: not read out
        self.boxes: dict[str, widgets.Textarea] = {}
        try:
            saved = self.store.read().get(self.part.id, {})
        except KitInputError as err:
            saved = None
            self.message.problem(str(err))
        rows = []
        for prompt in self.part.reflections:
            box = widgets.Textarea(value=(saved or {}).get(prompt.id, ""), placeholder="Type here…",
                                   description=f"<b>{escape(prompt.prompt)}</b>", description_allow_html=True,
                                   continuous_update=True, disabled=saved is None,
                                   layout={"width": "100%", "height": "auto"})
            box.add_class("ickit-reflection")
            box.observe(guarded(self.message)(self._saver(prompt.id)), names="value")
            self.boxes[prompt.id] = box
            rows.append(long_label(box))
        if saved is not None:
            self.message.show(f"Your answers are saved as you type, in {self.store.path}.")
        # a damaged notes file is named once, above; there is no log to offer from it
        self.logbook = LearningLog(self.store) if learning_log and saved is not None else None
        super().__init__([*rows, self.message, *([self.logbook] if self.logbook else [])])
        kit_view(self, "ickit-reflections")

    def _saver(self, prompt_id: str):
        def save(change) -> None:
            self.store.save(self.part.id, prompt_id, change["new"])
            self.message.show(f"Saved at {time.strftime('%H:%M:%S')} in {self.store.path}.")
            if self.logbook:
                self.logbook.refresh()
        save.__name__ = f"save_{prompt_id}"
        return save


class LearningLog(widgets.VBox):
    """Every reflection gathered into one Markdown file, as a download button: one click."""

    def __init__(self, store: NotesStore | None = None):
        self.store = store or NotesStore()
        self.message = Message()
        self.link = widgets.HTML()
        super().__init__([self.link, self.message])
        guarded(self.message)(self.refresh)()

    def refresh(self) -> str:
        """Build the log from the notes file as it is now, and offer it as the download."""
        self.message.clear()
        self.link.value = ""
        text = learning_log(load_content().course, self.store.read())
        self.link.value = download_link("my_learning_log.md", text, "text/markdown",
                                        "Download my learning log (Markdown)")
        return text


def reflect(part_id: str, learning_log: bool = False) -> Reflections:
    """The reflection boxes of one part of the course; with ``learning_log``, and the download of
    every part's reflections as one learning log."""
    return Reflections(part_id, learning_log=learning_log)
