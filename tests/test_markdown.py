"""Markdown from the content: text reads as typed, and the card HTML of the topics becomes Markdown."""

from ickit.logic import markdown as md


def test_text_reads_in_markdown_as_typed():
    assert md.paragraph("Costs *rose* by $5 <b>or</b> [more] _really_ in 01_why_integrate.ipynb | x") == (
        r"Costs \*rose\* by \$5 \<b\>or\</b\> \[more\] \_really\_ in 01_why_integrate.ipynb \| x")
    assert md.paragraph("1999. A year") == r"1999\. A year"
    assert md.paragraph("- not a list") == r"\- not a list" and md.paragraph("# no heading") == r"\# no heading"
    assert md.paragraph(" two\n  lines ") == "two lines"
    assert md.bullets(["a", "b"], numbered=True) == "1. a\n2. b"


def test_card_html_becomes_markdown():
    html = ('<div class="ickit-card"><h4>A &amp; B</h4><p>One *star*</p><ul><li>x</li><li>2. y</li></ul>'
            "<ol><li>z</li></ol></div>")
    assert md.from_html(html, heading_shift=-1) == "### A & B\n\nOne \\*star\\*\n\n- x\n- 2\\. y\n\n1. z"
    table = ("<table><thead><tr><th>#</th><th>Part</th></tr></thead><tbody><tr><td>01</td>"
             "<td><code>01_a.ipynb</code> a|b</td></tr></tbody></table>")
    assert md.from_html(table) == "| # | Part |\n|---|---|\n| 01 | `01_a.ipynb` a\\|b |"
    assert md.from_html("<p>Read <b>this</b> <a href='x.md'>here</a><br>now <small>Petch (2014)</small></p>") == (
        "Read **this** [here](x.md)<br>now *Petch (2014)*")
