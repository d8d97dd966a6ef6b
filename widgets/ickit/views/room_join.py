"""A participant in a workshop room: join with the room's code, say who you are if you wish,
answer, and see the group's results beside your own once the trainer shows them.

Every answer is written to the rooms store as it is given and marked saved only once it is; the
browser's key (``DeviceKey``) brings a participant back to their answers after a reload.
"""

from __future__ import annotations

import html
import time

import ipywidgets as widgets

from ..charts.group_radar import group_radar_spec
from ..content import Content, load_content
from ..errors import KitInputError
from ..logic.room_activities import Activity, RoomItem, activity_items
from ..logic.room_results import (ItemResult, group_radar, person_scores, room_results,
                                  enough_to_show)
from ..logic.room_rules import person_name, results_round
from ..logic.room_store import Room, RoomError, RoomStore, normalise_code, participant_id
from ..upstream import when_page_opens
from .chart import Chart
from .common import Disclosure, Looks, guarded, kit_view
from .device_key import DeviceKey
from .room_page import RoomPage

NO_ANSWER = ""
LOOK_SECONDS = 2.0  # how often the page looks for the trainer's changes
RESULTS_SECONDS = 5.0  # how often shown results follow new answers
SAVED = '<span class="ickit-saved">&#10003; saved</span>'


class RoomJoinView(RoomPage):
    """The participant's page; ``controls`` maps each item's id to its control once joined."""

    lost = ("This page cannot reach the room just now; it keeps trying. Answers marked saved are "
            "kept; give again any marked not saved once it is back.")

    def __init__(self, content: Content | None = None, store: RoomStore | None = None,
                 query: dict[str, str] | None = None):
        self.content = content or load_content()
        self.settings = self.content.rooms
        self.device = DeviceKey()
        self.heading = widgets.HTML()
        self.code = widgets.Text(description="Room code", placeholder="the code your trainer shows",
                                 continuous_update=False, style={"description_width": "initial"},
                                 layout={"width": "min(100%, 22rem)"})
        self.join_button = widgets.Button(description="Join the room", button_style="primary",
                                          icon="sign-in")
        self.entry = widgets.HBox([self.code, self.join_button], layout={"flex_flow": "row wrap"})
        self.role = widgets.Dropdown(description="Your role", style={"description_width": "initial"},
                                     options=[("I'd rather not say", "")]
                                     + [(r.label, r.id) for r in self.settings.roles])
        self.name = widgets.Text(description="Your name", placeholder="leave blank to stay anonymous",
                                 continuous_update=False, style={"description_width": "initial"})
        self.profile = widgets.VBox([widgets.HTML(
            "<p>About you, if you wish: your role lets the trainer compare how groups answer; "
            "a name is for the trainer, who sees it in a list apart from the answers. The room's "
            "pages show the group's answers only, never yours one by one.</p>"),
            widgets.HBox([self.role, self.name], layout={"flex_flow": "row wrap"})],
            layout={"display": "none"})
        self.form = widgets.VBox()
        self.chart = Chart(layout={"display": "none"})
        self.results_note = widgets.HTML()
        self.controls: dict[str, widgets.Widget] = {}
        self.statuses: dict[str, widgets.HTML] = {}
        self.room: Room | None = None
        self.activity: Activity | None = None
        self.pid: str | None = None
        self._loading = False
        self._results_at = 0.0
        super().__init__(store, LOOK_SECONDS, layout={"max_width": "980px"})
        self.children = [self.heading, self.entry, self.message, self.profile, self.form,
                         self.results_note, self.chart, self.device]
        kit_view(self, "ickit-room-join")
        self._wire()
        self.heading.value = "<p>Type the room code your trainer shows, then join.</p>"
        if query is None:
            when_page_opens(guarded(self.message)(self.opened))
        else:
            self.opened(query)

    # --- joining ----------------------------------------------------------------------------

    def _wire(self) -> None:
        guard = guarded(self.message)
        self.device.observe(guard(lambda change: self.join()), names="key")
        self.join_button.on_click(guard(lambda button: self.join(typed=True)))
        self.code.observe(guard(lambda change: self.join(typed=True)), names="value")
        self.role.observe(guard(lambda change: self._save_profile()), names="value")
        self.name.observe(guard(lambda change: self._save_profile()), names="value")

    def opened(self, query: dict[str, str]) -> None:
        """The page's address is known: join the room it names, if any."""
        if query.get("room"):
            self.code.value = normalise_code(query["room"])
        self.join()

    def join(self, typed: bool = False) -> None:
        """Join the room whose code is typed, once the browser has given its key; a join the
        participant ``typed`` takes the keyboard on to the first item."""
        code = normalise_code(self.code.value)
        if self.room is not None and self.room.code == code:
            return
        if not code:
            if typed:
                self.message.problem("Type the room code first.")
            return
        if not self.device.key:
            self.message.show("Joining…")
            return
        room = self.store().room(code)
        if room is None:
            self.message.problem(f"There is no room with the code {code}. Check the code with "
                                 "your trainer; codes are six letters and digits.")
            return
        pid = participant_id(code, self.device.key)
        participant = self.store().join(code, pid, self.settings.limits.participants)
        self.room, self.pid = room, pid
        self.activity = activity_items(self.content, room.activity, room.quizzes)
        self._loading = True
        try:
            known = {r.id for r in self.settings.roles}
            self.role.value = participant.role if participant.role in known else ""
            self.name.value = participant.name or ""
        finally:
            self._loading = False
        self.entry.layout.display = "none"
        self.profile.layout.display = ""
        self._build_form()
        self._show_room(room, answers_changed=True)
        self.message.show("You have joined. Each answer is saved as you give it.")
        if typed:  # the code field and its button are gone: the keyboard goes on to the first item
            self._first_control().focus()
        self.watch.start()

    def _first_control(self) -> widgets.DOMWidget:
        control = next(iter(self.controls.values()))
        return control.children[0] if isinstance(control, widgets.VBox) else control

    def _save_profile(self) -> None:
        if self._loading or self.room is None:
            return
        name = person_name(self.name.value, self.settings.limits.name)
        self.store().set_profile(self.room.code, self.pid, self.role.value or None, name)
        self.message.show("Saved who you are.")

    # --- the items ------------------------------------------------------------------------

    def _build_form(self) -> None:
        looks = Looks()
        rows: dict[str, list[widgets.Widget]] = {}
        names: dict[str, str] = {}
        for item in self.activity.items:
            control = self._control(item, looks)
            status = looks.make(widgets.HTML, layout={"min_width": "6rem"})
            self.controls[item.id], self.statuses[item.id] = control, status
            text = looks.make(widgets.HTML, f"<span class='ickit-item'>{html.escape(item.text)}</span>",
                              layout={"flex": "1 1 18rem"})
            row = looks.make(widgets.HBox, [text, control, status],
                             layout={"flex_flow": "row wrap", "align_items": "center",
                                     "border_bottom": "1px solid #d9dee3", "padding": "4px 0"})
            rows.setdefault(item.group, []).append(row)
            names[item.group] = item.group_name
        intro = widgets.HTML(f"<p>{html.escape(self.activity.prompt)}</p>")
        if self.activity.id == "readiness":  # parts that open from the keyboard too (Disclosure)
            self.form.children = [intro, *(Disclosure(names[g], widgets.VBox(group_rows), opened=n == 0)
                                           for n, (g, group_rows) in enumerate(rows.items()))]
        else:
            self.form.children = [intro, *(row for group_rows in rows.values() for row in group_rows)]

    def _control(self, item: RoomItem, looks: Looks) -> widgets.Widget:
        guard = guarded(self.message)
        if item.kind == "choices":
            boxes = [widgets.Checkbox(description=o.label, indent=False,
                                      layout={"width": "auto"}) for o in item.options]
            for box in boxes:
                box.observe(guard(lambda change, item=item: self._changed(item)), names="value")
            return widgets.VBox(boxes, layout={"flex": "1 1 18rem"})
        control = looks.make(widgets.Dropdown, options=[("— no answer —", NO_ANSWER)]
                             + [(o.label, o.value) for o in item.options],
                             value=NO_ANSWER, layout={"width": "min(100%, 16rem)"},
                             # named by its item for a screen reader; the item shows beside it
                             description=item.text, style={"description_width": "0px"})
        control.observe(guard(lambda change, item=item: self._changed(item)), names="value")
        return control

    def value_of(self, item: RoomItem) -> str | None:
        control = self.controls[item.id]
        if item.kind == "choices":
            picked = [str(n) for n, box in enumerate(control.children) if box.value]
            return ",".join(picked)
        return control.value or None

    def _set(self, item: RoomItem, value: str | None) -> None:
        control = self.controls[item.id]
        if item.kind == "choices":
            picked = set((value or "").split(","))
            for n, box in enumerate(control.children):
                box.value = str(n) in picked
        else:
            control.value = value or NO_ANSWER

    def _changed(self, item: RoomItem) -> None:
        if self._loading or self.room is None:
            return
        value = item.check(self.value_of(item))
        status = self.statuses[item.id]
        status.value = "saving…"
        try:
            self.store().answer(self.room.code, self.pid, self.room.round, item.id, value)
        except RoomError:
            if self.tick(force=True):  # the room changed under the page: show it as it is now
                self._load_answers()
            raise
        except KitInputError:
            status.value = "not saved"
            raise
        status.value = SAVED if value is not None else "taken back"
        self.message.show("Saved." if value is not None else "Answer taken back.")

    # --- following the room ---------------------------------------------------------------

    def tick(self, force: bool = False) -> bool:
        """Look at the room once: follow the trainer's changes, and shown results' new answers.
        Returns ``False`` once the room is gone (the heartbeat stops)."""
        if self.room is None:
            return True
        version = self.store().version(self.room.code)
        if version is None:
            self._closed()
            return False
        if version == self.room.version and not force:
            return True
        room = self.store().room(self.room.code)
        if room is None:
            self._closed()
            return False
        self._show_room(room)
        return True

    def _show_room(self, room: Room, answers_changed: bool = False) -> None:
        old, self.room = self.room, room
        state_changed = answers_changed or old is None or \
            (old.round, old.revealed, old.locked, old.shown_round) != \
            (room.round, room.revealed, room.locked, room.shown_round)
        if answers_changed or old.round != room.round:
            self._load_answers()
        if state_changed:
            for control in self.controls.values():
                for widget in getattr(control, "children", ()) or (control,):
                    widget.disabled = room.locked
            self.heading.value = self._heading_html()
        # hidden results do not change with new answers: only a change of state redraws them
        if state_changed or (room.revealed and time.monotonic() - self._results_at >= RESULTS_SECONDS):
            self._show_results()

    def _load_answers(self) -> None:
        given = self.store().my_answers(self.room.code, self.pid, self.room.round)
        self._loading = True
        try:
            for item in self.activity.items:
                self._set(item, given.get(item.id))
                self.statuses[item.id].value = SAVED if item.id in given else ""
        finally:
            self._loading = False

    def _heading_html(self) -> str:
        room = self.room
        state = ["the trainer has locked the room: answers can no longer change" if room.locked
                 else "answers can change until the trainer locks the room or opens the next round"]
        if room.round > 1:
            state.insert(0, f"round {room.round}: your answers from the last round are kept; "
                            "change any you now see differently")
        return (f"<h2>{html.escape(room.title)}</h2><p>{html.escape(self.activity.title)}. "
                f"Room {room.code}; {'; '.join(state)}.</p>")

    def _show_results(self) -> None:
        """The group's results beside each answer in the round :func:`results_round` names."""
        self._results_at = time.monotonic()
        room = self.room
        shown_round = results_round(room)
        mine = self.store().my_answers(room.code, self.pid, room.round)
        if shown_round < 1:
            self.results_note.value = ""
            self.chart.layout.display = "none"
            for item in self.activity.items:
                self.statuses[item.id].value = SAVED if item.id in mine else ""
            return
        answers = self.store().answers(room.code, shown_round)
        results = room_results(self.activity, answers, self.settings.agreement)
        which = "the room's answers" if room.revealed else f"the room's answers in round {shown_round}"
        self.results_note.value = (f"<p><b>Results:</b> {which}, shown by the trainer. Items with fewer "
                                   f"than {self.settings.min_group} answers show nothing.</p>")
        for result in results:
            saved = SAVED if result.item.id in mine else ""
            self.statuses[result.item.id].value = f"{saved} {self._result_html(result)}".strip()
        if self.activity.rated:
            roles = {p.pid: p.role for p in self.store().participants(room.code)}
            radar = group_radar(self.activity, answers, roles, self.settings.min_group)
            own = person_scores(self.activity, mine)
            labels = {r.id: r.label for r in self.settings.roles}
            self.chart.show(group_radar_spec(radar, labels, f"The room's scores ({radar.people} people)", own))
            self.chart.layout.display = ""

    def _result_html(self, result: ItemResult) -> str:
        if not enough_to_show(result, self.settings.min_group):
            return "<span class='ickit-result'>room: too few answers to show</span>"
        text = f"room: {result.describe()}"
        if self.activity.id == "poll":
            right = "; ".join(o.label for o in result.item.options if o.correct)
            feedback = " ".join(o.feedback for o in result.item.options if o.correct)
            text += f". Right answer: {right}. {feedback}"
        return f"<span class='ickit-result'>{html.escape(text)}</span>"

    def _closed(self) -> None:
        self.watch.stop()
        for control in self.controls.values():
            for widget in getattr(control, "children", ()) or (control,):
                widget.disabled = True
        self.role.disabled = self.name.disabled = True
        self.message.problem("The trainer has closed this room, and its answers were deleted "
                             "with it. Thank you for taking part.")


def room_join_view(content: Content | None = None) -> RoomJoinView:
    """A participant's page in a workshop room, for a dashboard or a notebook."""
    return RoomJoinView(content)
