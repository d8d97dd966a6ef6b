"""The room store's contract, run against SQLite and against a real PostgreSQL alike."""

import contextlib
import multiprocessing
import multiprocessing.pool
import sqlite3
import threading
import time

import pytest

from ickit.errors import KitInputError
from ickit.logic.room_store import (TABLES, RoomError, SQLiteStore, StoreUnavailable, normalise_code,
                                    open_store, participant_id)

DEVICE_A, DEVICE_B = "a" * 22, "b" * 22


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        made = open_store(tmp_path / "rooms.sqlite")
    else:
        server = request.getfixturevalue("postgres")
        made = open_store(server.url)
        for table in ("answers", "consensus", "participants", "rooms", "settings"):
            made._read(f"DELETE FROM {table} RETURNING 1")
    yield made
    made.close()


def test_a_new_room_has_a_short_code_and_a_key_only_its_hash_is_kept(store):
    new = store.create_room("readiness", "North partnership")
    room = store.room(new.code)
    assert len(new.code) == 6 and new.code.isalnum() and new.code.isupper()
    assert (room.activity, room.title, room.round, room.revealed, room.locked) == \
        ("readiness", "North partnership", 1, False, False)
    assert store.check_key(new.code, new.key) and not store.check_key(new.code, new.key + "x")
    assert not store.check_key(new.code, "") and not store.check_key("NOPE12", new.key)
    assert new.key not in repr(store._read("SELECT * FROM rooms"))


def test_codes_are_read_as_people_type_them():
    assert normalise_code(" k7m-4qx ") == "K7M4QX" and normalise_code("k7m 4qx") == "K7M4QX"


def test_a_device_is_one_participant_per_room_and_its_key_is_not_stored():
    assert participant_id("AAAAAA", DEVICE_A) == participant_id("AAAAAA", DEVICE_A)
    assert participant_id("AAAAAA", DEVICE_A) != participant_id("BBBBBB", DEVICE_A)
    assert DEVICE_A not in participant_id("AAAAAA", DEVICE_A)
    for bad in ("", "short", "x" * 65, "a" * 20 + "<b>"):
        with pytest.raises(RoomError, match="reload the page"):
            participant_id("AAAAAA", bad)


def test_answers_are_kept_per_participant_and_round_and_every_change_raises_the_version(store):
    code = store.create_room("lessons", "Room").code
    a, b = participant_id(code, DEVICE_A), participant_id(code, DEVICE_B)
    v0 = store.version(code)
    store.join(code, a)
    store.join(code, b)
    store.join(code, a)  # a second visit is the same participant
    assert [p.pid for p in store.participants(code)] == [a, b]
    store.answer(code, a, 1, "trust-is-not-enough", "2")
    store.answer(code, a, 1, "trust-is-not-enough", "3")  # changed
    store.answer(code, b, 1, "trust-is-not-enough", "0")
    store.answer(code, b, 1, "clear-governance", "1")
    store.answer(code, b, 1, "clear-governance", None)  # taken back
    assert store.answers(code, 1) == {a: {"trust-is-not-enough": "3"}, b: {"trust-is-not-enough": "0"}}
    assert store.my_answers(code, a, 1) == {"trust-is-not-enough": "3"}
    assert store.version(code) > v0 + 5


def test_a_participant_who_has_not_joined_cannot_answer(store):
    code = store.create_room("lessons", "Room").code
    with pytest.raises(RoomError, match="not joined"):
        store.answer(code, participant_id(code, DEVICE_A), 1, "clear-governance", "1")
    assert store.answers(code, 1) == {}


def test_a_participant_cannot_write_into_another_room(store):
    one, two = store.create_room("lessons", "One").code, store.create_room("lessons", "Two").code
    pid = participant_id(one, DEVICE_A)
    store.join(one, pid)
    with pytest.raises(RoomError, match="not joined"):
        store.answer(two, pid, 1, "clear-governance", "1")
    assert store.answers(two, 1) == {}


def test_a_locked_room_takes_no_answers_and_an_unlocked_one_does_again(store):
    code = store.create_room("lessons", "Room").code
    pid = participant_id(code, DEVICE_A)
    store.join(code, pid)
    store.set_state(code, locked=True)
    with pytest.raises(RoomError, match="locked"):
        store.answer(code, pid, 1, "clear-governance", "1")
    store.set_state(code, locked=False)
    store.answer(code, pid, 1, "clear-governance", "1")
    assert store.my_answers(code, pid, 1) == {"clear-governance": "1"}


def test_a_new_round_carries_answers_over_hides_results_and_closes_the_old_round(store):
    code = store.create_room("lessons", "Room").code
    pid = participant_id(code, DEVICE_A)
    store.join(code, pid)
    store.answer(code, pid, 1, "clear-governance", "1")
    store.set_state(code, revealed=True)
    assert store.next_round(code) == 2
    room = store.room(code)
    assert (room.round, room.revealed) == (2, False)
    assert store.my_answers(code, pid, 2) == {"clear-governance": "1"}
    store.answer(code, pid, 2, "clear-governance", "3")
    assert store.my_answers(code, pid, 1) == {"clear-governance": "1"}  # round 1 as it was
    with pytest.raises(RoomError, match="round has closed"):
        store.answer(code, pid, 1, "clear-governance", "2")
    assert [(r, v) for r, _, _, v, _ in store.all_answers(code)] == [(1, "1"), (2, "3")]


def test_deleting_a_room_removes_everything_given_in_it(store):
    code = store.create_room("lessons", "Room").code
    other = store.create_room("lessons", "Other").code
    pid = participant_id(code, DEVICE_A)
    store.join(code, pid)
    store.answer(code, pid, 1, "clear-governance", "1")
    store.agree(code, "clear-governance", "1", "we agree")
    store.delete_room(code)
    assert store.room(code) is None and store.version(code) is None
    for table in ("rooms", "participants", "answers", "consensus"):
        assert store._read(f"SELECT COUNT(*) FROM {table} WHERE code = ?", (code,)) == [(0,)]
    assert store.room(other) is not None
    with pytest.raises(RoomError, match="no longer exists"):
        store.join(code, pid)
    with pytest.raises(RoomError, match="no longer exists"):
        store.answer(code, pid, 1, "clear-governance", "2")


def test_old_rooms_are_purged_with_their_answers(store):
    old, new = store.create_room("lessons", "Old").code, store.create_room("lessons", "New").code
    pid = participant_id(old, DEVICE_A)
    store.join(old, pid)
    store.answer(old, pid, 1, "clear-governance", "1")
    with store._transaction() as run:
        run("UPDATE rooms SET created = ? WHERE code = ?", (time.time() - 31 * 86400, old))
    assert store.purge(30) == 1
    assert store.room(old) is None and store.room(new) is not None
    assert store._read("SELECT COUNT(*) FROM answers WHERE code = ?", (old,)) == [(0,)]


def test_agreed_answers_and_notes_are_kept_and_replaced(store):
    code = store.create_room("readiness", "Room").code
    store.agree(code, "vision/x", "2", "after a long talk")
    store.agree(code, "vision/x", "3", "changed our minds")
    store.agree(code, "time/y", None, "no agreement yet")
    agreed = store.agreed(code)
    assert (agreed["vision/x"].value, agreed["vision/x"].note) == ("3", "changed our minds")
    assert agreed["time/y"].value is None


def test_rooms_and_participants_are_capped(store):
    store.create_room("lessons", "One", limit=2)
    code = store.create_room("lessons", "Two", limit=2).code
    with pytest.raises(RoomError, match="already 2 rooms"):
        store.create_room("lessons", "Three", limit=2)
    store.join(code, participant_id(code, DEVICE_A), limit=1)
    with pytest.raises(RoomError, match="full"):
        store.join(code, participant_id(code, DEVICE_B), limit=1)


def test_a_participant_sets_a_role_and_a_name(store):
    code = store.create_room("lessons", "Room").code
    pid = participant_id(code, DEVICE_A)
    store.join(code, pid)
    store.set_profile(code, pid, "housing", "Sam")
    (p,) = store.participants(code)
    assert (p.role, p.name) == ("housing", "Sam")


def test_settings_are_shared(store):
    store.set_setting("join_base", "http://a/")
    store.set_setting("join_base", "http://b/")
    assert store.setting("join_base") == "http://b/" and store.setting("none") is None


def _answer_many(path: str, device: str, code: str, n: int) -> None:
    store = open_store(path)
    pid = participant_id(code, device)
    store.join(code, pid)
    for i in range(n):
        store.answer(code, pid, 1, f"item-{i}", str(i % 4))
    store.close()


def test_several_processes_write_one_sqlite_file_at_once_and_nothing_is_lost(tmp_path):
    path = str(tmp_path / "rooms.sqlite")
    store = open_store(path)
    code = store.create_room("readiness", "Busy").code
    devices = [chr(ord("a") + i) * 22 for i in range(6)]
    with multiprocessing.get_context("spawn").Pool(6) as pool:
        pool.starmap(_answer_many, [(path, d, code, 38) for d in devices])
    answers = store.answers(code, 1)
    assert len(answers) == 6 and all(len(given) == 38 for given in answers.values())
    assert store._read("PRAGMA journal_mode") == [("wal",)]


def test_an_unusable_sqlite_file_is_named_in_a_kind_message(tmp_path):
    bad = tmp_path / "rooms.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreUnavailable, match="rooms.sqlite cannot be"):
        open_store(bad)
    blocked = tmp_path / "file"
    blocked.write_text("x")
    with pytest.raises(StoreUnavailable, match="cannot be opened"):
        open_store(blocked / "rooms.sqlite")


def test_a_busy_sqlite_file_says_so_and_loses_nothing_it_acknowledged(tmp_path, monkeypatch):
    monkeypatch.setattr("ickit.logic.room_store.BUSY_SECONDS", 0.2)
    store = SQLiteStore(tmp_path / "rooms.sqlite")
    code = store.create_room("lessons", "Room").code
    pid = participant_id(code, DEVICE_A)
    store.join(code, pid)
    blocker = sqlite3.connect(tmp_path / "rooms.sqlite", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreUnavailable, match="busy"):
            store.answer(code, pid, 1, "clear-governance", "1")
    finally:
        blocker.execute("ROLLBACK")
    store.answer(code, pid, 1, "clear-governance", "2")
    assert store.my_answers(code, pid, 1) == {"clear-governance": "2"}


def test_a_wrong_postgresql_address_is_a_kind_message_without_its_password(postgres):
    port = postgres.port
    with pytest.raises(StoreUnavailable) as caught:
        open_store(f"postgresql://kit:secret-word@127.0.0.1:{port}/no_such_database")
    assert "no_such_database" in str(caught.value) and "secret-word" not in str(caught.value)
    assert isinstance(caught.value, KitInputError)
    with pytest.raises(StoreUnavailable, match="cannot be reached"):
        open_store("postgresql://kit@127.0.0.1:1/rooms")


def test_a_postgresql_store_reconnects_after_the_server_restarts(postgres):
    store = open_store(postgres.url)
    code = store.create_room("lessons", "Room").code
    pid = participant_id(code, DEVICE_A)
    store.join(code, pid)
    store.answer(code, pid, 1, "clear-governance", "1")
    postgres.stop("immediate")
    try:
        with pytest.raises(StoreUnavailable, match="stopped answering|cannot be reached"):
            store.answer(code, pid, 1, "clear-governance", "2")
    finally:
        postgres.start()
    store.answer(code, pid, 1, "clear-governance", "3")
    assert store.my_answers(code, pid, 1) == {"clear-governance": "3"}
    store.close()


def _second(store):
    """Another connection to the same store, as another kernel has."""
    return open_store(getattr(store, "url", None) or store.path)


def _answer_in_flight(store, code, pid):
    """``store.answer`` run in a thread of its own and held after its statements, before its commit,
    until the returned event is set; returns that event and the thread."""
    ran, release = threading.Event(), threading.Event()
    begin = store._transaction

    @contextlib.contextmanager
    def held():
        with begin() as run:
            yield run
            ran.set()
            release.wait(30)

    store._transaction = held
    worker = threading.Thread(target=store.answer, args=(code, pid, 1, "trust-is-not-enough", "3"))
    worker.start()
    try:
        assert ran.wait(30), "the answer did not reach its commit"
    finally:
        del store._transaction
    return release, worker


@pytest.mark.parametrize("step", ["next_round", "delete_room"])
def test_an_answer_being_written_is_carried_into_the_next_round_or_deleted_with_its_room(store, step):
    code = store.create_room("lessons", "Race").code
    pid = participant_id(code, DEVICE_A)
    store.join(code, pid)
    other = _second(store)
    release, answering = _answer_in_flight(store, code, pid)
    done = []
    worker = threading.Thread(target=lambda: done.append(getattr(other, step)(code)))
    worker.start()
    time.sleep(0.5)
    assert not done  # the trainer's step waits for the answer's transaction
    release.set()
    answering.join(30)
    worker.join(30)
    if step == "next_round":
        assert store.my_answers(code, pid, 2) == {"trust-is-not-enough": "3"}
    else:
        for table in ("rooms", "participants", "answers"):
            assert store._read(f"SELECT COUNT(*) FROM {table} WHERE code = ?", (code,)) == [(0,)]
    other.close()


def test_a_participant_joining_twice_at_once_is_one_participant(store):
    code = store.create_room("lessons", "Twice").code
    pid = participant_id(code, DEVICE_A)
    kernels = [_second(store) for _ in range(4)]  # each kernel has its own connection
    with multiprocessing.pool.ThreadPool(4) as pool:
        joined = pool.map(lambda s: s.join(code, pid), kernels)
    assert {p.pid for p in joined} == {pid} and len(store.participants(code)) == 1
    for kernel in kernels:
        kernel.close()


def test_results_shown_in_a_round_are_remembered_for_the_next(store):
    code = store.create_room("lessons", "Shown").code
    store.next_round(code)
    assert store.room(code).shown_round == 0  # round 1 was never shown
    store.set_state(code, revealed=True)
    store.next_round(code)
    room = store.room(code)
    assert (room.round, room.revealed, room.shown_round) == (3, False, 2)


def test_a_store_from_before_shown_rounds_gains_them(store):
    with store._transaction() as run:
        run("ALTER TABLE rooms DROP COLUMN shown_round")
        run("INSERT INTO rooms VALUES ('ABCDEF', 'lessons', 'Old', '', 'x', 0, 2, 1, 0, 5)")
        run("INSERT INTO rooms VALUES ('GHJKLM', 'lessons', 'Hidden', '', 'x', 0, 2, 0, 0, 5)")
    again = _second(store)  # a kernel of the new kit opens the old store
    assert again.room("ABCDEF").shown_round == 2  # its results were shown as it changed
    assert again.room("GHJKLM").shown_round == 0
    again.set_state("GHJKLM", revealed=True)
    assert again.room("GHJKLM").shown_round == 2
    again.set_state("GHJKLM", revealed=False)  # hidden again: the last round's too
    assert again.room("GHJKLM").shown_round == 0
    _second(store).close()  # a store already up to date opens as it is
    again.close()
