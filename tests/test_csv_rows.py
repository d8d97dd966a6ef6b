"""The kit's CSV cells: safe in a spreadsheet, read back as typed; ratings read strictly."""

import csv
import io

import pytest

from ickit.errors import KitInputError
from ickit.logic import law2_costs, readiness
from ickit.logic.csv_rows import csv_cell, csv_row, csv_text, is_rating, rating, read_rows


@pytest.mark.parametrize("typed, cell", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1+2", "'+1+2"), ("-sum(A1)", "'-sum(A1)"), ("@risk", "'@risk"), ("\tx", "'\tx"),
    ("'quoted", "''quoted"), ("Health board", "Health board"), ("", ""),
    ("-1200", "-1200"), ("2.50", "2.50"), ("1e+06", "1e+06"),
])
def test_csv_cell_neutralises_formulas_and_csv_text_undoes_it(typed, cell):
    assert csv_cell(typed) == cell and csv_text(cell) == typed


def test_numbers_and_hand_typed_apostrophes_pass_unchanged():
    assert csv_row([3, 2.5, None, "x"]) == [3, 2.5, None, "x"]
    assert csv_text("'Health board") == "'Health board"  # only a neutralising quote is removed


def test_read_rows_gives_back_the_typed_text():
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name"])
    writer.writerow(csv_row(["=cmd|' /C calc'!A0"]))
    assert read_rows(out.getvalue().encode(), ("name",), "a test CSV") == [
        (2, {"name": "=cmd|' /C calc'!A0"})]


@pytest.mark.parametrize("text", ["\u00b2", "\u0661", "1.0", " 1", "+1", "0" * 5000])
def test_rating_refuses_anything_but_ascii_digits(text):
    with pytest.raises(KitInputError, match="Line 4: the rating .* is not a whole number from 0 to 3"):
        rating(text, 3, "Line 4")


def test_is_rating():
    assert all(is_rating(v, 3) for v in (None, 0, 3))
    assert not any(is_rating(v, 3) for v in (True, 2.0, -1, 4, "2"))


def test_law2_csv_keeps_negative_numbers_as_numbers():
    years = [law2_costs.Year(1, 100.0, 0.0, 100.0), law2_costs.Year(2, 0.0, 1300.0, -1200.0)]
    assert law2_costs.to_csv(years) == ("year,spent,saved,net,cumulative_net_cost\n"
                                        "1,100,0,100,100\n2,0,1300,-1300,-1200\n")


def test_rows_may_end_in_a_carriage_return_alone(content):
    """As spreadsheets of old Macs write them."""
    data = readiness.to_csv(content, readiness.assess(content, readiness.blank(content))).replace("\n", "\r").encode()
    assert readiness.from_csv(content, data) == readiness.blank(content)
