"""The shape of the whole kit's content: which sections ``data/`` must hold and of what type."""

from __future__ import annotations

from pydantic import Field

from .assessment import Assessment
from .course import Part, Question, WorkedCase
from .models import (
    Argument,
    BoundarySpannerRole,
    ChecklistItem,
    CoLocation,
    Dashboard,
    Culture,
    Dimension,
    IntegrationLevel,
    Item,
    Law,
    LeadershipStyle,
    Lesson,
    ManagementType,
    Named,
    Outcomes,
    PanelTheme,
    ProcessModel,
    Reflection,
    Source,
    Strict,
    SystemicQuestion,
    TeamDimension,
    Text,
    Thread,
    Timescale,
)
from .notebooks import Notebooks
from .workshops import Decks, Workshops
from .plans import Plans
from .rooms import Rooms
from .simulations import Simulations, StakeholderMapContent
from .team_choice import TeamChoice


class Attributes(Item):
    words: list[Text] = Field(min_length=1)
    challenge: Text


class Content(Strict):
    """Every section of ``data/``; each data file holds some of these keys at its top level."""

    sources: list[Source]
    laws_commentary: Argument
    laws: list[Law]
    integration_levels: list[IntegrationLevel]
    leutz_reflections: list[Reflection]
    lessons: list[Lesson]
    lessons_thread: Thread
    outcomes: Outcomes
    dimensions: list[Dimension]
    team_dimensions: list[TeamDimension]
    team_process_models: list[ProcessModel]
    team_management_types: list[ManagementType]
    team_management_principle: Named
    team_recommendations: list[ChecklistItem]
    co_location: CoLocation
    boundary_spanner_roles: list[BoundarySpannerRole]
    boundary_spanner_attributes: Attributes
    leadership_styles: list[LeadershipStyle]
    leadership_components: list[ChecklistItem]
    culture: Culture
    timescales: list[Timescale]
    systemic_questions: list[SystemicQuestion]
    shared_values: Argument
    panel_themes: list[PanelTheme]
    dashboards: list[Dashboard]
    decks: Decks  # after the sections its groups pick items from
    workshops: Workshops  # after the sections it refers to
    simulations: Simulations
    stakeholder_map: StakeholderMapContent
    course: list[Part]
    notebooks: Notebooks
    quizzes: list[Question]
    worked_case: WorkedCase
    assessment: Assessment
    team_choice: TeamChoice
    plans: Plans
    rooms: Rooms

    def by_id(self, section: str) -> dict:
        """The items of a list section keyed by id."""
        return {item.id: item for item in getattr(self, section)}

    def source(self, key: str) -> Source:
        return self.by_id("sources")[key]

    def citation(self, key: str) -> str:
        """What a learner reads as a source: the short citation, and the source text the kit knows
        a work through, if any: 'Williams (2012), as cited in Petch (2014)'."""
        source = self.source(key)
        via = f", as cited in {self.source(source.cited_in).short()}" if source.cited_in else ""
        return source.short() + via

    def checklists(self) -> list[Outcomes | Dimension]:
        """Outcomes first, then the six dimensions in order: every "delivery requires" list."""
        return [self.outcomes, *sorted(self.dimensions, key=lambda d: d.order)]
