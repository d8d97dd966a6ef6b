"""Room for labels: generous widths, so that a chart's margins fit its labels before it is drawn
(the browser test test_charts_leave_room_for_their_labels checks the charts themselves)."""

from ickit.charts.room import TICK_PAD, label_room, legend_room, text_width


def test_a_label_is_as_wide_as_its_widest_line():
    assert text_width("Mild needs<br>700 of 700 reached") == text_width("700 of 700 reached")
    assert text_width("i<BR/>m") == text_width("m")


def test_markup_is_not_measured_and_entities_are_one_character():
    assert text_width("<b>Lead</b>") == text_width("Lead")
    assert text_width("R &amp; D") == text_width("R & D")


def test_width_grows_with_the_text_and_the_font():
    assert 0 < text_width("il") < text_width("mw") < text_width("mwmw")
    assert text_width("mw", size=24) == 2 * text_width("mw")
    assert text_width("é") > text_width("e")  # beyond ASCII: counted as wide


def test_room_fits_the_widest_label():
    assert label_room(["short", "a much longer label"]) == round(text_width("a much longer label") + TICK_PAD)
    assert label_room([]) == TICK_PAD
    assert legend_room(["kind", "engagement"]) > text_width("engagement")
