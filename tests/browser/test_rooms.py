"""Workshop rooms as a trainer and participants use them: a facilitator and three phones in
separate browsers; a participant's reload; the facilitator's key; a server killed mid-room; two
servers sharing one PostgreSQL room."""

from __future__ import annotations

import os
import re
import signal
import time

import pytest

from conftest import TIMEOUT_MS, start_server, stop_server, watch, Problems
from ickit.logic.room_store import open_store

PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1280, "height": 720}
SHOWN_WITHIN_MS = 10_000  # the facilitator's page looks every second: answers show well within this


@pytest.fixture(scope="module")
def room_server(start_voila):
    """The two room dashboards with kernels started in advance, replaced at once when taken."""
    return start_voila("--expect", "8", "--dashboard", "room", "--dashboard", "room-facilitator",
                       "--refill-delay", "1")


def new_page(browser, problems: Problems, viewport: dict):
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch(page, problems)
    return page


@pytest.fixture
def phones(browser, request):
    """A function opening a new phone-sized browser of its own (its own storage, so a participant
    of its own); every page's problems fail the test, as the ``page`` fixture's do."""
    marker = request.node.get_closest_marker("allow_console")
    problems = Problems([re.compile(p) for p in (marker.args if marker else ())])
    pages = []

    def make(viewport=PHONE):
        pages.append(new_page(browser, problems, viewport))
        return pages[-1]

    yield make
    for page in pages:
        page.context.close()
    report = [f"request to an outside address (blocked): {u}" for u in problems.outside] + problems.found
    if report:
        pytest.fail("a page had problems:\n  " + "\n  ".join(report), pytrace=False)


def open_room(page, server, activity: str, title: str) -> tuple[str, str]:
    """Open a room from the facilitator's dashboard; its code and join address."""
    page.goto(server.url("room_facilitator.ipynb"))
    page.get_by_role("button", name="Open the room").wait_for()
    page.get_by_label("Activity").select_option(label=activity)
    page.get_by_label("Title").fill(title)
    page.get_by_role("button", name="Open the room").click()
    code = page.locator(".ickit-room-code b").inner_text()
    return code, page.locator(".ickit-room-join-box a").get_attribute("href")


def join(page, url: str) -> None:
    page.goto(url)
    page.get_by_text("You have joined").wait_for()


def item_select(page, n: int):
    return page.locator(".widget-hbox", has=page.locator(".ickit-item")).nth(n).locator("select")


def answer(page, n: int, label: str) -> None:
    """Answer the ``n``-th item and wait until the page says it is saved."""
    item_select(page, n).select_option(label=label)
    page.locator(".widget-hbox", has=page.locator(".ickit-item")).nth(n).locator(".ickit-saved").wait_for()


def wait_for_text(page, pattern: str, timeout: int = SHOWN_WITHIN_MS) -> None:
    page.wait_for_function("p => new RegExp(p).test(document.body.innerText)", arg=pattern,
                           timeout=timeout)


def test_a_room_from_opening_to_the_consensus_report(browser, phones, room_server, tmp_path):
    trainer = phones(PROJECTOR)
    code, url = open_room(trainer, room_server, "Readiness: outcomes and the six dimensions",
                          "North <b>partnership</b>")
    assert re.fullmatch(r"[A-Z2-9]{6}", code) and url.endswith(f"room.ipynb?room={code}")
    assert trainer.locator(".ickit-qr svg[role=img]").get_attribute("aria-label") == f"QR code to join room {code}"
    assert "North <b>partnership</b>" in trainer.inner_text("body")  # shown as typed, not as markup

    people = [phones() for _ in range(3)]
    for person in people:
        join(person, url)
    for person, rating in zip(people, ["0 Not in place", "3 Firmly in place", "3 Firmly in place"]):
        answer(person, 0, rating)
        answer(person, 1, "2 Partly in place")
    started = time.monotonic()
    wait_for_text(trainer, r"3\s+joined, 3\s+have answered")
    assert time.monotonic() - started < SHOWN_WITHIN_MS / 1000
    first_item = people[0].locator(".ickit-item").first.inner_text()
    talk = trainer.locator(".ickit-talk li")
    assert talk.count() == 1 and first_item in talk.first.inner_text()

    for person in people:  # nothing of the group is shown before the trainer reveals it
        assert "room: median" not in person.inner_text("body")
        assert person.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    trainer.get_by_role("button", name="Show results to participants").click()
    for person in people:
        wait_for_text(person, "room: median 3, range 0-3")

    trainer.get_by_role("tab", name="Agree").click()
    trainer.get_by_role("button", name="Record what the room agrees on").click()
    wait_for_text(trainer, r"1 of 38 items have an agreed answer")
    trainer.get_by_role("tab", name="Downloads").click()
    trainer.get_by_role("button", name="Prepare the downloads").click()
    with trainer.expect_download() as got:
        trainer.get_by_role("link", name="Report (Markdown)").click()
    report = got.value.path().read_text(encoding="utf-8")
    assert report.startswith("# Consensus report: North \\<b\\>partnership\\</b\\>")
    assert "3 people joined" in report and first_item in report
    with trainer.expect_download() as got:
        trainer.get_by_role("link", name=re.compile("Agreed ratings")).click()
    agreed = got.value.path()

    # the agreed ratings load into the single-user readiness dashboard, which lists the actions
    readiness = phones(PROJECTOR)
    readiness.goto(room_server.url("readiness.ipynb"))
    with readiness.expect_file_chooser() as chooser:
        readiness.get_by_role("button", name="Load ratings (CSV)").click()
    chooser.value.set_files(str(agreed))
    wait_for_text(readiness, "Strengthen: ", timeout=30_000)


def test_a_participant_who_reloads_finds_their_answers(phones, room_server):
    trainer = phones(PROJECTOR)
    code, url = open_room(trainer, room_server, "Ten lessons: partnership check", "Reloads")
    person = phones()
    join(person, url)
    answer(person, 0, "2 Mostly")
    answer(person, 3, "0 Not at all")
    person.get_by_label("Your role").select_option(label="Housing")
    person.reload()
    person.get_by_text("You have joined").wait_for()
    assert item_select(person, 0).input_value() == "2 Mostly"
    assert item_select(person, 3).input_value() == "0 Not at all"
    assert person.get_by_label("Your role").input_value() == "Housing"
    wait_for_text(trainer, r"1\s+joined, 1\s+have answered")


def test_a_participant_cannot_open_the_facilitator_view_without_its_key(phones, room_server):
    trainer = phones(PROJECTOR)
    code, _ = open_room(trainer, room_server, "Ten lessons: partnership check", "Keyed")
    for address in (f"room_facilitator.ipynb?room={code}", f"room_facilitator.ipynb?room={code}&key=guess"):
        person = phones()
        person.goto(room_server.url(address))
        wait_for_text(person, "does not open that room's controls", timeout=TIMEOUT_MS)
        assert person.get_by_role("button", name="Show results to participants").count() == 0
        assert code not in person.inner_text("body")


# the pages not reloaded keep asking the restarted server for their kernels, which it no longer has
@pytest.mark.allow_console(r"WebSocket|ERR_CONNECTION_REFUSED|status of 50[0-9]",
                           r"status of 404|/api/kernels/")
def test_every_acknowledged_answer_survives_the_server_killed_mid_room(browser, phones, tmp_path):
    rooms = tmp_path / "rooms.sqlite"
    args = ("--expect", "4", "--dashboard", "room", "--dashboard", "room-facilitator",
            "--refill-delay", "1", "--rooms", str(rooms))
    server = start_server(tmp_path, *args)
    try:
        trainer = phones(PROJECTOR)
        code, url = open_room(trainer, server, "Ten lessons: partnership check", "Killed")
        people = [phones() for _ in range(2)]
        for person in people:
            join(person, url)
        labels = ["0 Not at all", "1 Partly", "2 Mostly", "3 Fully"]
        for n in range(6):
            for k, person in enumerate(people):
                answer(person, n, labels[(n + k) % 4])  # returns once the page says "saved"
        os.kill(server.process.pid, signal.SIGKILL)  # no goodbye: as a power cut to the server
        server.process.wait(timeout=30)
    finally:
        stop_server(server)
    given = open_store(rooms).answers(code, 1)
    assert sorted(len(a) for a in given.values()) == [6, 6]

    again = start_server(tmp_path, *args, port=server.port)
    try:
        for k, person in enumerate(people):
            person.reload()
            person.get_by_text("You have joined").wait_for()
            assert [item_select(person, n).input_value() for n in range(6)] == \
                [labels[(n + k) % 4] for n in range(6)]
    finally:
        stop_server(again)


# the servers stop before the pages close: the pages lose their kernels' connections
@pytest.mark.allow_console(r"WebSocket|ERR_CONNECTION_REFUSED")
def test_two_servers_share_one_postgresql_room(phones, postgres, tmp_path):
    url = postgres.url
    args = ("--expect", "2", "--dashboard", "room", "--dashboard", "room-facilitator",
            "--refill-delay", "1", "--rooms", url)
    first = start_server(tmp_path, *args)
    second = start_server(tmp_path, *args)
    try:
        trainer = phones(PROJECTOR)
        code, _ = open_room(trainer, first, "Ten lessons: partnership check", "Shared")
        near, far = phones(), phones()
        join(near, first.url(f"room.ipynb?room={code}"))
        join(far, second.url(f"room.ipynb?room={code}"))  # the other server
        answer(near, 0, "0 Not at all")
        answer(far, 0, "3 Fully")
        wait_for_text(trainer, r"2\s+joined, 2\s+have answered")
        os.kill(second.process.pid, signal.SIGKILL)  # one server dies; what it acknowledged stays
        second.process.wait(timeout=30)
        answers = open_store(url).answers(code, 1)
        assert sorted(v for a in answers.values() for v in a.values()) == ["0", "3"]
    finally:
        stop_server(first)
        stop_server(second)
