"""The rules the room pages and `ickit room` share, without a kernel: typed text cleaned, the round
participants see, and the anonymous numbers and roles of the answers' CSV."""

import pytest

from ickit.errors import KitInputError
from ickit.logic.room_report import numbered, shown_roles
from ickit.logic.room_rules import agreed_note, one_line, person_name, results_round, room_title
from ickit.logic.room_store import Participant, Room


def test_typed_text_loses_what_hides_or_reorders_it():
    assert one_line(" North\x1b[2J\u202e  team\u200b\n") == "North[2J team"
    assert room_title("  North \t partnership ", 80) == "North partnership"
    assert person_name(" \u200b ", 40) is None and person_name("Ann  Lee", 40) == "Ann Lee"
    assert agreed_note(" first  line\r\n\x07second\u2066 ", 500) == "first line\nsecond"


@pytest.mark.parametrize("make, message", [
    (lambda: room_title("\u200b", 80), "Give the room a title"),
    (lambda: room_title("x" * 81, 80), "under 80"),
    (lambda: person_name("x" * 41, 40), "under 40"),
    (lambda: agreed_note("x" * 501, 500), "under 500"),
])
def test_typed_text_too_long_or_empty_is_refused_kindly(make, message):
    with pytest.raises(KitInputError, match=message):
        make()


def room(round_, revealed, shown):
    return Room("ABCDEF", "lessons", "T", (), 0.0, round_, revealed, False, 1, shown)


@pytest.mark.parametrize("state, seen", [
    ((1, False, 0), 0),  # nothing shown yet
    ((1, True, 1), 1),  # shown now
    ((1, False, 1), 0),  # shown, then hidden again
    ((2, False, 1), 1),  # the last round, which was shown
    ((2, False, 0), 0),  # the last round, never shown
    ((3, False, 1), 0),  # a round shown two rounds ago is old news
    ((3, True, 3), 3),
])
def test_participants_see_only_results_the_trainer_showed(state, seen):
    assert results_round(room(*state)) == seen


def people(*roles):
    return [Participant(f"{9 - n:032x}", role, None, float(n))  # later joiners sort first
            for n, role in enumerate(roles)]


def test_answers_are_numbered_in_no_order_of_joining():
    joined = people("health", "health", "housing")
    numbers = numbered(joined)
    assert sorted(numbers.values()) == ["P1", "P2", "P3"]
    assert [numbers[p.pid] for p in joined] != ["P1", "P2", "P3"]
    assert numbers == {pid: f"P{n}" for n, pid in enumerate(sorted(numbers), start=1)}


def test_a_role_too_few_people_gave_is_left_out_of_the_answers():
    joined = people("health", "health", "health", "housing", None)
    roles = shown_roles(joined, 3)
    assert [roles[p.pid] for p in joined] == ["health"] * 3 + [None, None]
