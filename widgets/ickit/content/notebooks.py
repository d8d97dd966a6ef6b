"""How the learner notebooks are laid out: each part's sections, and the words every notebook shares.

``ickit notebooks`` writes ``notebooks/NN_*.ipynb`` from this and the course (``ickit.notebooks``):
the narrative as Markdown, and a code cell only where a learner tries something.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from .models import Slug, SourceKey, Strict, Text


class Section(Strict):
    """One section of a notebook: a heading, then a few words, the cards of sections of the
    content, a view to try (a dashboard's id), or several of these in that order."""

    heading: Text
    text: list[Text] = Field(default_factory=list)
    cards: list[Slug] = Field(default_factory=list, description="sections of the content, named as "
                              "ickit.cards.sections() names them (a hyphen for an underscore), or "
                              "case-figures")
    only: Slug | None = Field(None, description="with one section of cards: the one item to show")
    widget: Slug | None = Field(None, description="the id of a dashboard, shown here to try")

    @model_validator(mode="after")
    def _says_something(self) -> "Section":
        if not (self.text or self.cards or self.widget):
            raise ValueError("a section needs text, cards or a widget")
        if self.only and len(self.cards) != 1:
            raise ValueError("only picks an item of one section of cards")
        return self


class Layout(Strict):
    """The sections of one part's notebook, between its opening and its knowledge check."""

    part: Slug
    sections: list[Section] = Field(default_factory=list)
    learning_log: Text | None = Field(None, description="where given, the reflections come with the "
                                                        "learning-log download, and these words "
                                                        "stand in for the shared ones under 'Reflect'")

    @model_validator(mode="after")
    def _headings_differ(self) -> "Layout":
        headings = [s.heading for s in self.sections]
        repeated = sorted({h for h in headings if headings.count(h) > 1})
        if repeated:
            raise ValueError(f"a heading is used twice: {', '.join(repeated)}")
        return self


class Notebooks(Strict):
    """The words every learner notebook shares, and each part's layout."""

    source: SourceKey
    reading: Text = Field(description="under each notebook's introduction: how to read and run it")
    check: Text = Field(description="under 'Check your understanding'")
    reflect: Text = Field(description="under 'Reflect'")
    layouts: list[Layout] = Field(min_length=1)
