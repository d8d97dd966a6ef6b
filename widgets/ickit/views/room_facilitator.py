"""The trainer's side of a workshop room, made to be projected: open a room, show its code and QR
code, watch answers arrive, see where the room agrees and where it is split, show or hide the
results, run a second round, lock the room, record what the room agreed, and take it all away.

The page needs the room's facilitator address (its secret key); without one it offers to open a
new room. It looks at the store every second and redraws only when the room changed. What is not
for the screen (the facilitator address, the names people gave) sits folded at the page's foot.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..charts import group_radar as charts
from ..content import Content, load_content
from ..errors import KitInputError
from ..logic import room_report
from ..logic.room_activities import Activity, activity_items
from ..logic.room_links import Server, qr_svg
from ..logic.room_results import (ItemResult, Radar, agreed_drafts, enough_to_show, group_radar,
                                  room_results, talk_first)
from ..logic.room_rules import agreed_note, results_round, room_title
from ..logic.room_store import Room, RoomStore, normalise_code
from ..upstream import when_page_opens
from .chart import Chart
from .common import download_link, guarded, kit_view, prepare_link
from .room_page import RoomPage

LOOK_SECONDS = 1.0
NO_AGREEMENT = "__none__"
FLAG_CLASS = {"agreed": "ickit-flag-agreed", "split": "ickit-flag-split",
              "too few answers": "ickit-flag-few"}


class RoomFacilitatorView(RoomPage):
    """The facilitator's page; :meth:`open_room` or a valid ``room`` and ``key`` show the room."""

    def __init__(self, content: Content | None = None, store: RoomStore | None = None,
                 query: dict[str, str] | None = None, server: Server | None = None):
        self.content = content or load_content()
        self.settings = self.content.rooms
        self.server = server if server is not None else Server.from_env()
        self.body = widgets.VBox()
        self.address, self.names = widgets.HTML(), widgets.HTML()
        self.room: Room | None = None
        self.key = ""
        self.activity: Activity | None = None
        self.results: list[ItemResult] = []
        self.radar: Radar | None = None
        super().__init__(store, LOOK_SECONDS, layout={"max_width": "1200px"})
        self.children = [self.body, self.message, self.address, self.names]
        kit_view(self, "ickit-room-facilitator")
        if query is None:
            when_page_opens(guarded(self.message)(self.opened))
        else:
            self.opened(query)

    def opened(self, query: dict[str, str]) -> None:
        """Show the room the address names, if its key is right; else the form to open one."""
        code, key = normalise_code(query.get("room", "")), query.get("key", "")
        if not code:
            self._opening_form()
            return
        if not self.store().check_key(code, key):
            self._opening_form()
            self.message.problem("This address does not open that room's controls: use the "
                                 "facilitator address you were given when the room was opened "
                                 "(it carries the room's key), or open a new room here.")
            return
        self._show(self.store().room(code), key)

    # --- opening a room -----------------------------------------------------------------------

    def _opening_form(self) -> None:
        activities = [(a.title, a.id) for a in self.settings.activities]
        self.activity_choice = widgets.Dropdown(options=activities, description="Activity",
                                                style={"description_width": "initial"},
                                                layout={"width": "min(100%, 34rem)"})
        self.quiz_choice = widgets.SelectMultiple(
            options=[(f"{q.part}: {q.question}", q.id) for q in self.content.quizzes],
            description="Knowledge checks", rows=8, style={"description_width": "initial"},
            layout={"width": "min(100%, 52rem)", "display": "none"})
        self.title = widgets.Text(description="Title", placeholder="e.g. North partnership, 4 March",
                                  style={"description_width": "initial"},
                                  layout={"width": "min(100%, 34rem)"})
        self.open_button = widgets.Button(description="Open the room", button_style="primary",
                                          icon="door-open")
        self.explanation = widgets.HTML()
        guard = guarded(self.message)
        self.activity_choice.observe(guard(self._explain), names="value")
        self.open_button.on_click(guard(lambda button: self.open_room(
            self.activity_choice.value, self.title.value, tuple(self.quiz_choice.value))))
        self._explain()
        self.body.children = [
            widgets.HTML("<h2>Open a room</h2><p>Participants join on their own phones or laptops "
                         "with the room's code or QR code, and answer anonymously unless they "
                         "give a name. You will get a facilitator address: keep it, as it is the "
                         "only way back to this room's controls.</p>"),
            self.activity_choice, self.explanation, self.quiz_choice, self.title, self.open_button]

    def _explain(self, _change=None) -> None:
        activity = self.settings.activity(self.activity_choice.value)
        self.explanation.value = f"<p>{html.escape(activity.explanation)}</p>"
        self.quiz_choice.layout.display = "" if activity.id == "poll" else "none"

    def open_room(self, activity: str, title: str, quizzes: tuple[str, ...] = ()) -> str:
        """Open a room (checked first) and show its controls; returns its code."""
        title = room_title(title, self.settings.limits.title)
        activity_items(self.content, activity, quizzes if activity == "poll" else ())
        new = self.store().create_room(activity, title, quizzes if activity == "poll" else (),
                                       self.settings.limits.open_rooms)
        self._show(self.store().room(new.code), new.key, just_opened=True)
        self.message.show(f"Room {new.code} is open. Copy your facilitator address from the foot "
                          "of the page, then fold it away before you project the page.")
        return new.code

    # --- the room ---------------------------------------------------------------------------

    def _show(self, room: Room | None, key: str, just_opened: bool = False) -> None:
        if room is None:
            raise KitInputError("That room no longer exists.")
        self.room, self.key = room, key
        self.activity = activity_items(self.content, room.activity, room.quizzes)
        self.status = widgets.HTML()
        self.reveal = widgets.ToggleButton(description="Show results to participants", icon="eye",
                                           layout={"width": "auto"})
        self.next_round = widgets.Button(description="Open the next round", icon="repeat",
                                         layout={"width": "auto"})
        self.lock = widgets.ToggleButton(description="Lock the room", icon="lock",
                                         layout={"width": "auto"})
        self.talk = widgets.HTML()
        self.items = widgets.HTML()
        self.chart = Chart()
        self.chart_note = widgets.HTML()
        tabs = [("Talk about these first", self.talk), ("Every item", self.items)]
        if self.activity.rated:
            tabs.append(("The group's radar", widgets.VBox([self.chart, self.chart_note])))
        if self.activity.id != "poll":
            tabs.append(("Agree", self._agree_panel()))
        tabs += [("Downloads", self._downloads_panel()), ("Close the room", self._delete_panel())]
        self.tabs = widgets.Tab([child for _, child in tabs], titles=tuple(t for t, _ in tabs))
        guard = guarded(self.message)
        self.reveal.observe(guard(lambda change: self._set_state(revealed=change["new"])), names="value")
        self.lock.observe(guard(lambda change: self._set_state(locked=change["new"])), names="value")
        self.next_round.on_click(guard(lambda button: self.open_next_round()))
        controls = widgets.HBox([self.reveal, self.next_round, self.lock],
                                layout={"flex_flow": "row wrap"})
        main = widgets.VBox([widgets.HTML(self._title_html()), self.status, controls, self.tabs],
                            layout={"flex": "3 1 36rem", "min_width": "0"})
        side = widgets.HTML(self._join_html(), layout={"flex": "1 1 16rem", "max_width": "24rem"})
        self.body.children = [widgets.HBox([main, side], layout={"flex_flow": "row wrap",
                                                                 "align_items": "flex-start"})]
        self.address.value = self._address_html(just_opened)
        self.refresh()
        self.watch.start()

    def _title_html(self) -> str:
        return f"<h2>{html.escape(self.room.title)}</h2><p>{html.escape(self.activity.title)}</p>"

    def _join_html(self) -> str:
        room = self.room
        head = f"<p class='ickit-room-code'>Room code <b>{room.code}</b></p>"
        if self.server is None:
            return head + ("<p>Participants join from the seminar server: start it with "
                           "<code>ickit serve --public</code> and open this room there with your "
                           "facilitator address (at the foot of this page).</p>")
        join = self.server.join(room.code)
        local = ("<p>This server is on this machine only; for phones, start it with "
                 "<code>ickit serve --public</code>.</p>") if self.server.local else ""
        return (head + "<div class='ickit-room-join-box'>"
                f"<div class='ickit-qr' style='width:min(100%,20rem)'>{qr_svg(join, f'QR code to join room {room.code}')}</div>"
                f"<p>Join at <a href='{html.escape(join)}' target='_blank' rel='noopener'>"
                f"{html.escape(join)}</a></p></div>{local}")

    def _address_html(self, just_opened: bool) -> str:
        """The facilitator address, folded (open once, as the room opens): not for the projector.
        Drawn once per room, so a fold the trainer made stays made."""
        mine = (self.server or Server("")).facilitate(self.room.code, self.key)
        where = "" if self.server else (" (a path on the seminar server: put the server's address, "
                                        "such as http://HOST:8866, before it, and on a public server "
                                        "&amp;token= with its token after it)")
        return (f"<details class='ickit-private'{' open' if just_opened else ''}><summary>Your "
                "facilitator address: not for the screen</summary><p>Anyone with this address "
                f"controls the room; keep it to yourself{where}:</p>"
                f"<p><a href='{html.escape(mine)}'>{html.escape(mine)}</a></p></details>")

    @staticmethod
    def _names_html(names: list[str]) -> str:
        listed = "".join(f"<li>{html.escape(name)}</li>" for name in names)
        return (f"<details class='ickit-private'><summary>Names people gave ({len(names)}): not for "
                "the screen</summary>"
                + (f"<ul>{listed}</ul>" if names else "<p>Nobody has given a name.</p>") + "</details>")

    def _set_state(self, **state: bool) -> None:
        if getattr(self, "_following", False):
            return
        self.store().set_state(self.room.code, **state)
        self.tick(force=True)

    def open_next_round(self) -> None:
        new = self.store().next_round(self.room.code)
        self.tick(force=True)
        shown = "; participants still see the last round's results, as you showed them" \
            if results_round(self.room) == new - 1 else ""
        self.message.show(f"Round {new} is open: everyone's answers carry over and can be "
                          f"changed; its results are hidden until you show them{shown}.")

    def tick(self, force: bool = False) -> bool:
        """Look at the room once and redraw if it changed; ``False`` once it is gone."""
        if self.room is None:
            return False
        version = self.store().version(self.room.code)
        if version is None:
            self._gone()
            return False
        if version != self.room.version or force:
            self.room = self.store().room(self.room.code) or self.room
            self.refresh()
        return True

    def refresh(self) -> None:
        """Recompute the room's results from the store and redraw everything."""
        room, store = self.room, self.store()
        participants = store.participants(room.code)
        answers = store.answers(room.code, room.round)
        self.results = room_results(self.activity, answers, self.settings.agreement)
        self._following = True
        try:
            self.reveal.value, self.lock.value = room.revealed, room.locked
        finally:
            self._following = False
        answered = sum(1 for given in answers.values() if given)
        seen = results_round(room)
        state = ["results shown to participants" if room.revealed else
                 f"round {seen}'s results shown to participants" if seen else "results hidden",
                 "locked" if room.locked else "open for answers"]
        self.status.value = (f"<p class='ickit-room-status' role='status'><b>{len(participants)}</b> "
                             f"joined, <b>{answered}</b> have answered; round {room.round}; "
                             f"{'; '.join(state)}.</p>")
        names = self._names_html(sorted((p.name for p in participants if p.name), key=str.casefold))
        if names != self.names.value:  # redrawn only when a name changes: it folds again then
            self.names.value = names
        self.talk.value = self._talk_html()
        self.items.value = self._items_html()
        if self.activity.rated:
            roles = {p.pid: p.role for p in participants}
            self.radar = group_radar(self.activity, answers, roles, self.settings.min_group)
            labels = {r.id: r.label for r in self.settings.roles}
            self.chart.show(charts.group_radar_spec(
                self.radar, labels, f"The group's scores ({self.radar.people} people)"))
            self.chart_note.value = (f"<p>The filled shape is the group's median per area; the "
                                     f"dotted lines its lowest and highest. A role's line appears "
                                     f"once {self.settings.min_group} or more people of that role "
                                     "have answered.</p>")
        if self.activity.id != "poll":
            self._refresh_agreed()

    def _talk_html(self) -> str:
        split = [r for r in talk_first(self.results)
                 if r.flag == "split" and enough_to_show(r, self.settings.min_group)]
        if not split:
            return ("<p>The room is split on no item yet.</p>"
                    f"<p class='ickit-rule'>{html.escape(self.settings.agreement.explanation)}</p>")
        rows = "".join(f"<li><b>{html.escape(r.item.text)}</b> ({html.escape(r.item.group_name)}): "
                       f"{html.escape(r.describe())}</li>" for r in split)
        return (f"<p>Split, most divided first:</p><ol class='ickit-talk'>{rows}</ol>"
                f"<p class='ickit-rule'>{html.escape(self.settings.agreement.explanation)}</p>")

    def _items_html(self) -> str:
        few = self.settings.min_group
        rows = []
        for r in self.results:
            if enough_to_show(r, few):
                total = max(r.answered, 1)
                spread = "".join(
                    f"<div class='ickit-bar-row'><span class='ickit-bar-label'>{html.escape(o.label)}</span>"
                    f"<span class='ickit-bar' style='width:{6 * r.counts[o.value] / total:.2f}rem'></span>"
                    f"<span>{r.counts[o.value]}</span></div>" for o in r.item.options)
                summary = html.escape(r.describe())
            else:
                spread, summary = "", f"shown once {few} have answered"
            rows.append(f"<tr><td>{html.escape(r.item.group_name)}</td><td>{html.escape(r.item.text)}</td>"
                        f"<td>{r.answered}</td><td>{spread}</td><td>{summary}</td>"
                        f"<td class='{FLAG_CLASS[r.flag]}'>{r.flag}</td></tr>")
        return ("<div class='ickit-table-wrap'><table class='ickit-table ickit-room-items'>"
                "<caption>Every item: how many answered, how the answers fall, and whether the room "
                f"agrees (an item's answers show once {few} people have given one)</caption><thead><tr><th scope='col'>Area</th><th scope='col'>Item</th>"
                "<th scope='col'>Answers</th><th scope='col'>Spread</th><th scope='col'>Summary</th>"
                f"<th scope='col'>Flag</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>")

    # --- what the room agreed -------------------------------------------------------------------

    def _agree_panel(self) -> widgets.VBox:
        self.agree_item = widgets.Dropdown(description="Item", style={"description_width": "initial"},
                                           layout={"width": "min(100%, 52rem)"})
        self.agree_value = widgets.Dropdown(description="The room agrees on",
                                            style={"description_width": "initial"})
        self.agree_note = widgets.Textarea(description="Note", placeholder="what the room said, "
                                           "and what it will do", style={"description_width": "initial"},
                                           layout={"width": "min(100%, 52rem)"})
        self.agree_button = widgets.Button(description="Record", button_style="primary", icon="check")
        self.medians_button = widgets.Button(description="Record what the room agrees on",
                                             tooltip="Record each item flagged agreed, as the room "
                                                     "answered it, where nothing is recorded yet",
                                             layout={"width": "auto"})
        self.agreed_summary = widgets.HTML()
        guard = guarded(self.message)
        self.agree_item.observe(guard(self._pick_item), names="value")
        self.agree_button.on_click(guard(lambda button: self.record(
            self.agree_item.value, self.agree_value.value, self.agree_note.value)))
        self.medians_button.on_click(guard(lambda button: self.record_medians()))
        return widgets.VBox([
            widgets.HTML("<p>Talk an item over, then record what the room agrees on, with a note. "
                         "The items keep the activity's order, each with its flag; <i>Talk about "
                         "these first</i> ranks the split ones.</p>"),
            self.agree_item, self.agree_value, self.agree_note,
            widgets.HBox([self.agree_button, self.medians_button], layout={"flex_flow": "row wrap"}),
            self.agreed_summary])

    def _refresh_agreed(self) -> None:
        agreed = self.store().agreed(self.room.code)
        options = []
        for n, r in enumerate(self.results, start=1):  # a steady order: the list is in use
            mark = " (recorded)" if r.item.id in agreed else ""
            options.append((f"{n}. {r.item.text[:90]} [{r.flag}]{mark}", r.item.id))
        current = self.agree_item.value
        self._following = True
        try:
            self.agree_item.options = options
            self.agree_item.value = current if current in dict((v, k) for k, v in options) else options[0][1]
        finally:
            self._following = False
        if current != self.agree_item.value or not self.agree_value.options:
            self._pick_item()
        done = sum(1 for a in agreed.values() if a.value is not None)
        self.agreed_summary.value = f"<p>{done} of {len(self.activity.items)} items have an agreed answer.</p>"

    def _pick_item(self, _change=None) -> None:
        if getattr(self, "_following", False) or self.agree_item.value is None:
            return
        item = self.activity.item(self.agree_item.value)
        given = self.store().agreed(self.room.code).get(item.id)
        options = [("— no agreement —", NO_AGREEMENT)] + [(o.label, o.value) for o in item.options]
        self.agree_value.options = options
        if given is not None and given.value in dict((v, k) for k, v in options):
            self.agree_value.value = given.value
        else:
            self.agree_value.value = NO_AGREEMENT
        self.agree_note.value = given.note if given else ""

    def record(self, item_id: str, value: str, note: str) -> None:
        """Keep the room's agreed answer to one item, with its note."""
        item = self.activity.item(item_id)
        value = None if value == NO_AGREEMENT else item.check(value)
        note = agreed_note(note, self.settings.limits.note)
        self.store().agree(self.room.code, item.id, value, note)
        self.tick(force=True)
        self.message.show(f"Recorded: {item.label(value, 'no agreement')} for \"{item.text[:60]}\".")

    def record_medians(self) -> None:
        """Record a first draft for every agreed item not yet recorded: its median, if a whole
        rating, or the answer most chose."""
        agreed = self.store().agreed(self.room.code)
        drafts = agreed_drafts(self.results)
        new = {item: value for item, value in drafts.items() if item not in agreed}
        for item, value in new.items():
            self.store().agree(self.room.code, item, value, "")
        self.tick(force=True)
        kept, left = len(drafts) - len(new), len(self.results) - len(drafts)
        self.message.show(
            f"Recorded {len(new)} item(s) as the room answered them. Left as they were: {kept} "
            f"already recorded, and {left} the room is split on, has too few answers for, or "
            "answered between two steps; record those one by one.")

    # --- downloads and closing ------------------------------------------------------------------

    def _downloads_panel(self) -> widgets.VBox:
        self.prepare = widgets.Button(description="Prepare the downloads", icon="download",
                                      layout={"width": "auto"})
        self.links = widgets.HTML()
        self.prepare.on_click(guarded(self.message)(lambda button: prepare_link(
            self.prepare, self.links, "Preparing…", self.download_links)))
        return widgets.VBox([widgets.HTML(
            "<p>The consensus report (Markdown, and a web page with the radar), every answer "
            "without names (CSV), and the agreed answers as a file the single-user dashboard "
            "loads.</p>"), self.prepare, self.links])

    def report(self) -> room_report.RoomReport:
        store, room = self.store(), self.room
        return room_report.RoomReport(
            room, self.activity, self.results, self.radar if self.activity.rated else None,
            store.agreed(room.code), store.participants(room.code),
            {r.id: r.label for r in self.settings.roles}, self.settings.agreement.explanation,
            self.settings.min_group)

    def download_links(self) -> str:
        report = self.report()
        stem = f"room-{self.room.code.lower()}"
        picture = None
        if report.radar is not None:
            try:
                picture = charts.png(charts.group_radar(report.radar, report.role_labels,
                                                        f"The group's scores: {self.room.title}"))
            except KitInputError as err:
                self.message.show(f"The web page comes without the radar picture: {err}")
        links = [download_link(f"{stem}-report.md", room_report.to_markdown(report), "text/markdown",
                               "Report (Markdown)"),
                 download_link(f"{stem}-report.html", room_report.to_html(report, picture), "text/html",
                               "Report (web page)"),
                 download_link(f"{stem}-answers.csv",
                               room_report.answers_csv(report, self.store().all_answers(self.room.code)),
                               "text/csv", "Every answer, without names (CSV)")]
        if self.activity.id != "poll":
            try:
                agreed = room_report.agreed_file(report, self.content)
                links.append(download_link(agreed.name, agreed.data, agreed.mime, agreed.label))
            except KitInputError as err:
                links.append(f"<span>No agreed-answers file yet: {html.escape(str(err))}</span>")
        return " ".join(links)

    def _delete_panel(self) -> widgets.VBox:
        self.sure = widgets.Checkbox(description="Yes, delete this room and every answer in it",
                                     indent=False, layout={"width": "auto"})
        self.delete = widgets.Button(description="Delete the room", button_style="danger", icon="trash")
        self.delete.on_click(guarded(self.message)(lambda button: self.delete_room()))
        return widgets.VBox([widgets.HTML("<p>Download what you want to keep first: deleting removes "
                                          "the room, its answers and its agreed answers for good; "
                                          f"rooms are deleted anyway after {self.settings.keep_days} "
                                          "days.</p>"), self.sure, self.delete])

    def delete_room(self) -> None:
        if not self.sure.value:
            raise KitInputError("Tick the box first to confirm the room should go.")
        self.store().delete_room(self.room.code)
        self._gone()
        self.message.show("The room and its answers are deleted.")

    def _gone(self) -> None:
        self.watch.stop()
        self.body.children = [widgets.HTML("<h2>This room is closed</h2><p>Its answers are deleted. "
                                           "Reload the page without the room's address to open "
                                           "another.</p>")]
        self.address.value = self.names.value = ""
        self.room = None


def room_facilitator_view(content: Content | None = None) -> RoomFacilitatorView:
    """The trainer's page for workshop rooms, for a dashboard or a notebook."""
    return RoomFacilitatorView(content)
