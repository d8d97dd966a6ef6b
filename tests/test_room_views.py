"""The room views driven headless, as the dashboards drive them: a trainer opens a room, three
participants join and answer, the trainer's page follows, reveals, runs a second round, records
the room's agreement, downloads, locks and deletes; every bad step gets a kind message."""

import csv
import io

import pytest

from ickit.logic import readiness as readiness_logic
from ickit.logic import room_report
from ickit.logic.room_links import Server
from ickit.logic.room_store import StoreUnavailable, open_store
from ickit.views.room_facilitator import RoomFacilitatorView
from ickit.views.room_join import SAVED, RoomJoinView


@pytest.fixture
def store(tmp_path):
    made = open_store(tmp_path / "rooms.sqlite")
    yield made
    made.close()


@pytest.fixture
def server():
    return Server("http://192.168.1.20:8866/", "tok")


def facilitator(content, store, server, activity="readiness", title="North <b>partnership</b>",
                quizzes=()):
    view = RoomFacilitatorView(content, store, query={}, server=server)
    code = view.open_room(activity, title, quizzes)
    return view, code


def participant(content, store, code, device):
    view = RoomJoinView(content, store, query={"room": code})
    view.device.key = device
    return view


def shown(widget) -> str:
    """Every HTML text a view shows, in order."""
    own = widget.value if isinstance(widget.value if hasattr(widget, "value") else None, str) else ""
    return own + "".join(shown(child) for child in getattr(widget, "children", ()))


def answer(view, item_id, value):
    view.controls[item_id].value = value


def devices(n):
    return [chr(ord("a") + i) * 24 for i in range(n)]


def test_the_trainer_opens_a_room_and_gets_its_code_addresses_and_qr(content, store, server):
    view, code = facilitator(content, store, server)
    page = shown(view.body)
    assert f"<b>{code}</b>" in page and "<svg" in page and 'aria-label="QR code to join room' in page
    assert f"http://192.168.1.20:8866/voila/render/room.ipynb?room={code}&amp;token=tok" in page
    assert "North &lt;b&gt;partnership&lt;/b&gt;" in page and "<b>partnership</b>" not in page
    assert store.check_key(code, view.key)
    # the key is not in what is projected: it is folded at the page's foot, open once as it opens
    assert view.key not in page and view.key not in view.message.value
    assert view.address.value.startswith("<details class='ickit-private' open>")
    assert f"room_facilitator.ipynb?room={code}&amp;key={view.key}&amp;token=tok" in view.address.value
    again = RoomFacilitatorView(content, store, query={"room": code, "key": view.key}, server=server)
    assert "<details class='ickit-private'>" in again.address.value


def test_names_are_listed_apart_from_the_projected_page(content, store, server):
    trainer, code = facilitator(content, store, server)
    view = participant(content, store, code, devices(1)[0])
    view.name.value = "  Ann\u202e <i>Lee</i> "
    trainer.tick()
    assert "Ann" not in shown(trainer.body)
    assert "Names people gave (1)" in trainer.names.value
    assert "<li>Ann &lt;i&gt;Lee&lt;/i&gt;</li>" in trainer.names.value


def test_a_page_opened_in_jupyterlab_gives_the_facilitator_path(content, store):
    view = RoomFacilitatorView(content, store, query={}, server=None)
    code = view.open_room("lessons", "Lab")
    assert f"/voila/render/room_facilitator.ipynb?room={code}&amp;key={view.key}" in view.address.value
    assert "put the server's address" in view.address.value


@pytest.mark.parametrize("title, message", [("", "Give the room a title"), ("x" * 81, "under 80")])
def test_a_bad_title_is_refused_kindly(content, store, server, title, message):
    view = RoomFacilitatorView(content, store, query={}, server=server)
    view.open_button.description  # the opening form is shown
    view.title.value = title
    view.open_button.click()
    assert message in view.message.value and store.rooms() == []


def test_a_poll_needs_a_knowledge_check(content, store, server):
    view = RoomFacilitatorView(content, store, query={}, server=server)
    view.activity_choice.value = "poll"
    view.title.value = "Quiz"
    view.open_button.click()
    assert "at least one knowledge check" in view.message.value and store.rooms() == []


def test_participants_join_answer_and_the_trainer_sees_counts_and_a_split(content, store, server):
    trainer, code = facilitator(content, store, server)
    people = [participant(content, store, code, d) for d in devices(3)]
    items = [i.id for i in trainer.activity.items]
    for view, (first, second) in zip(people, [("0", "2"), ("3", "2"), ("3", "2")]):
        answer(view, items[0], first)
        answer(view, items[1], second)
        assert view.statuses[items[0]].value == SAVED
    assert trainer.tick()
    assert "<b>3</b> joined, <b>3</b> have answered" in trainer.status.value
    assert trainer.talk.value.count("<li>") == 1 and trainer.activity.items[0].text[:30] in trainer.talk.value
    assert "ickit-flag-split" in trainer.items.value
    assert trainer.chart.figure["data"][0]["name"] == "Group median"


def test_a_participant_who_comes_back_finds_their_answers(content, store, server):
    trainer, code = facilitator(content, store, server, activity="lessons")
    (device,) = devices(1)
    first = participant(content, store, code, device)
    answer(first, "clear-governance", "2")
    first.role.value = "housing"
    again = participant(content, store, code, device)  # a reload: a new kernel, the same browser
    assert again.controls["clear-governance"].value == "2"
    assert again.statuses["clear-governance"].value == SAVED and again.role.value == "housing"
    other = participant(content, store, code, "z" * 24)  # another browser
    assert other.controls["clear-governance"].value == ""


def test_results_reach_participants_only_when_revealed_and_only_for_groups_big_enough(content, store, server):
    trainer, code = facilitator(content, store, server, activity="lessons")
    people = [participant(content, store, code, d) for d in devices(3)]
    for view in people:
        answer(view, "clear-governance", "2")
    answer(people[0], "trust-is-not-enough", "1")
    assert "room:" not in people[0].statuses["clear-governance"].value
    trainer.reveal.value = True
    people[0].tick()
    assert "room: median 2" in people[0].statuses["clear-governance"].value
    assert "too few answers to show" in people[0].statuses["trust-is-not-enough"].value
    assert people[0].chart.layout.display == "" and people[0].chart.figure["data"][-1]["name"] == "You"
    trainer.reveal.value = False
    people[0].tick()
    assert "room:" not in people[0].statuses["clear-governance"].value


def test_a_second_round_keeps_answers_and_shows_the_first_rounds_results(content, store, server):
    trainer, code = facilitator(content, store, server, activity="lessons")
    people = [participant(content, store, code, d) for d in devices(3)]
    for view in people:
        answer(view, "clear-governance", "1")
    trainer.reveal.value = True
    trainer.next_round.click()
    assert "Round 2 is open" in trainer.message.value
    people[0].tick()
    assert "round 2" in people[0].heading.value
    assert people[0].controls["clear-governance"].value == "1"
    assert "round 1" in people[0].results_note.value and "median 1" in people[0].statuses["clear-governance"].value
    answer(people[0], "clear-governance", "3")
    assert store.my_answers(code, people[0].pid, 2) == {"clear-governance": "3"}
    assert store.my_answers(code, people[0].pid, 1) == {"clear-governance": "1"}


def test_a_locked_room_disables_answers_and_a_stale_page_says_why(content, store, server):
    trainer, code = facilitator(content, store, server, activity="lessons")
    view = participant(content, store, code, devices(1)[0])
    trainer.lock.value = True
    answer(view, "clear-governance", "1")  # the page has not looked yet
    assert "locked" in view.message.value
    # it looked again at once: the control shows what is saved (nothing), and is off
    assert view.controls["clear-governance"].value == "" and view.controls["clear-governance"].disabled
    assert store.answers(code, 1) == {}


def test_the_trainer_records_the_rooms_agreement_and_downloads_everything(content, store, server):
    trainer, code = facilitator(content, store, server)
    people = [participant(content, store, code, d) for d in devices(3)]
    items = trainer.activity.items
    for view in people:
        answer(view, items[0].id, "2")
        answer(view, items[1].id, "1")
    people[0].name.value = "=HYPERLINK(\"x\")"
    trainer.tick()
    trainer.medians_button.click()
    agreed = store.agreed(code)
    assert agreed[items[0].id].value == "2" and agreed[items[1].id].value == "1"
    trainer.agree_item.value = items[1].id
    trainer.agree_value.value = "3"
    trainer.agree_note.value = "<script>alert(1)</script> we aim higher"
    trainer.agree_button.click()
    assert store.agreed(code)[items[1].id].note.startswith("<script>")
    links = trainer.download_links()
    assert "Report (Markdown)" in links and "Every answer" in links and "readiness dashboard" in links
    report = trainer.report()
    from ickit.logic import room_report

    markdown = room_report.to_markdown(report)
    assert "<script>" not in markdown and "\\<script\\>" in markdown
    page = room_report.to_html(report, None)
    assert "<script>" not in page and "&lt;script&gt;" in page
    rows = list(csv.reader(io.StringIO(room_report.answers_csv(report, store.all_answers(code)))))
    assert rows[0][:3] == ["round", "participant", "role"] and {r[1] for r in rows[1:]} == {"P1", "P2", "P3"}
    assert "HYPERLINK" not in room_report.answers_csv(report, store.all_answers(code))
    agreed_file = room_report.agreed_file(report, content)
    ratings = readiness_logic.from_csv(content, agreed_file.data.encode())
    assert ratings[items[0].id] == 2 and ratings[items[1].id] == 3
    assert readiness_logic.assess(content, ratings).actions  # the readiness dashboard's action list


def test_a_team_room_agrees_answers_the_team_selector_loads(content, store, server):
    from ickit.logic import room_report, team_config

    trainer, code = facilitator(content, store, server, activity="team")
    people = [participant(content, store, code, d) for d in devices(3)]
    for item in trainer.activity.items:
        for view in people:
            answer(view, item.id, item.options[0].value)
    trainer.tick()
    report = trainer.report()
    with pytest.raises(Exception, match="answer every question"):
        room_report.agreed_file(report, content)
    trainer.medians_button.click()
    config = team_config.from_json(room_report.agreed_file(trainer.report(), content).data, content)
    assert config.answers == {i.id: i.options[0].value for i in trainer.activity.items}


def test_a_poll_shows_the_right_answer_when_revealed(content, store, server):
    trainer, code = facilitator(content, store, server, activity="poll", quizzes=("first-law",))
    people = [participant(content, store, code, d) for d in devices(3)]
    for view in people:
        answer(view, "first-law", "0")
    trainer.reveal.value = True
    people[1].tick()
    assert "Right answer:" in people[1].statuses["first-law"].value
    assert "Agree" not in trainer.tabs.titles


def test_deleting_the_room_closes_every_page(content, store, server):
    trainer, code = facilitator(content, store, server, activity="lessons")
    view = participant(content, store, code, devices(1)[0])
    trainer.delete.click()
    assert "Tick the box first" in trainer.message.value and store.room(code) is not None
    trainer.sure.value = True
    trainer.delete.click()
    assert store.room(code) is None and "This room is closed" in shown(trainer.body)
    assert view.tick() is False and "closed this room" in view.message.value
    assert view.controls["clear-governance"].disabled


def test_an_unknown_code_and_a_wrong_key_get_kind_messages(content, store, server):
    view = participant(content, store, "NOPE42", devices(1)[0])
    assert "There is no room with the code NOPE42" in view.message.value
    trainer, code = facilitator(content, store, server, activity="lessons")
    intruder = RoomFacilitatorView(content, store, query={"room": code, "key": "guess"}, server=server)
    assert "does not open that room&#x27;s controls" in intruder.message.value
    assert intruder.room is None and not hasattr(intruder, "tabs")


def a_many_choice_check(content) -> str:
    return next(name for name, q in content.by_id("quizzes").items() if q.type == "many_choice")


@pytest.mark.parametrize("activity", ["lessons", "readiness", "poll"])
def test_the_participant_types_a_code_when_the_address_has_none(content, store, server, activity,
                                                                monkeypatch):
    quizzes = (a_many_choice_check(content),) if activity == "poll" else ()
    trainer, code = facilitator(content, store, server, activity=activity, quizzes=quizzes)
    view = RoomJoinView(content, store, query={})
    view.device.key = devices(1)[0]
    view.join_button.click()
    assert "Type the room code first" in view.message.value
    focused = []
    monkeypatch.setattr("ipywidgets.DOMWidget.focus", lambda widget: focused.append(widget))
    view.code.value = code.lower()
    assert view.room is not None and view.room.code == code and "You have joined" in view.message.value
    # the code field and its button are hidden: the keyboard goes on to the first item's answer
    first = view.controls[view.activity.items[0].id]
    if activity == "poll":  # a check with several answers: its first box
        first = first.children[0]
    assert focused == [first] and view.entry.layout.display == "none"


def test_a_page_that_joins_from_its_address_leaves_the_focus_alone(content, store, server, monkeypatch):
    trainer, code = facilitator(content, store, server, activity="lessons")
    focused = []
    monkeypatch.setattr("ipywidgets.DOMWidget.focus", lambda widget: focused.append(widget))
    view = participant(content, store, code, devices(1)[0])
    assert view.room is not None and focused == []


def test_an_unreachable_store_is_a_kind_message(content, tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setenv("ICKIT_ROOMS", str(blocked / "rooms.sqlite"))
    view = RoomJoinView(content, None, query={})
    view.device.key = devices(1)[0]
    view.code.value = "ABCDEF"
    assert "cannot be opened" in view.message.value


def test_a_round_the_trainer_never_showed_stays_hidden_in_the_next(content, store, server):
    trainer, code = facilitator(content, store, server, activity="lessons")
    people = [participant(content, store, code, d) for d in devices(3)]
    for view in people:
        answer(view, "clear-governance", "1")
    trainer.next_round.click()
    people[0].tick()
    assert "round 2" in people[0].heading.value
    assert people[0].results_note.value == "" and "room:" not in people[0].statuses["clear-governance"].value
    trainer.reveal.value = True  # shown, then hidden again in the same round: hidden
    trainer.reveal.value = False
    people[0].tick()
    assert people[0].results_note.value == ""


def test_the_projected_table_shows_no_item_fewer_than_three_answered(content, store, server):
    trainer, code = facilitator(content, store, server, activity="lessons")
    people = [participant(content, store, code, d) for d in devices(3)]
    answer(people[0], "clear-governance", "0")
    answer(people[1], "clear-governance", "3")
    for view in people:
        answer(view, "trust-is-not-enough", "2")
    trainer.tick()
    rows = trainer.items.value.split("<tr>")[2:]  # the items in the activity's order
    few, enough = (rows[[i.id for i in trainer.activity.items].index(item)]
                   for item in ("clear-governance", "trust-is-not-enough"))
    assert "shown once 3 have answered" in few and "ickit-bar-row" not in few and "median" not in few
    assert "median 2" in enough


def test_a_store_out_of_reach_is_said_in_the_page_once_and_cleared(content, store, server, caplog):
    trainer, code = facilitator(content, store, server, activity="lessons")
    view = participant(content, store, code, devices(1)[0])
    real = store.version

    def down(_code):
        raise StoreUnavailable("The rooms store (PostgreSQL database 'ickit' on db.internal:5432) "
                               "stopped answering")

    store.version = down
    assert view.watch.look() and view.watch.look()
    assert "cannot reach the room just now" in view.message.value and "alert" in view.message.value
    assert "db.internal" not in view.message.value  # the store's address is for the server's log
    assert len([r for r in caplog.records if "cannot follow" in r.getMessage()]) == 1
    store.version = real
    assert view.watch.look()
    assert "In touch with the room again" in view.message.value


def test_the_report_gives_nothing_of_a_group_too_small_to_show(content, store, server):
    trainer, code = facilitator(content, store, server, activity="lessons")
    people = [participant(content, store, code, d) for d in devices(4)]
    people[0].role.value = "housing"
    for view in people[1:]:
        view.role.value = "health"
    answer(people[0], "clear-governance", "0")
    answer(people[1], "clear-governance", "3")
    for view in people:
        answer(view, "trust-is-not-enough", "2")
    trainer.tick()
    report = trainer.report()
    markdown = room_report.to_markdown(report)
    assert "Housing 1" not in markdown and "other roles or none given 1" in markdown
    assert "fewer than 3 answers" in markdown and "2 answered: too few to show" in markdown
    rows = list(csv.DictReader(io.StringIO(room_report.answers_csv(report, store.all_answers(code)))))
    assert {r["role"] for r in rows} == {"", "Health"}
