"""The team diagrams: a box per step of a referral's route, lanes per profession, who manages whom."""

from pathlib import Path

import pytest
import yaml
from pydantic import TypeAdapter

from ickit.charts.team_diagrams import (FONT, HEAD, LINK_STYLES, management_lines, management_lines_spec,
                                        referral_route, referral_route_spec)
from ickit.content import Content
from ickit.views.chart import figure_json

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def content():
    raw = {}
    for name in ("teams", "team_choice"):
        raw.update(yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8")))
    return Content.model_construct(**{k: TypeAdapter(Content.model_fields[k].annotation)
                                      .validate_python(v) for k, v in raw.items()})


def route(content, model_id):
    choice = content.team_choice
    return referral_route(content.by_id("team_process_models")[model_id], choice.stages,
                          choice.example_professions)


def labels(fig):
    """The boxes' names, from the one text trace, as (x, y, text)."""
    (trace,) = [t for t in fig.data if t.mode == "text"]
    return list(zip(trace.x, trace.y, trace.text))


def texts(fig):
    """Every text on the diagram: the boxes' names, then the notes."""
    return [text for _, _, text in labels(fig)] + [a.text for a in fig.layout.annotations]


def arrows(fig):
    """Each arrow's (start, end): an arrow trace holds start, end and a gap for each, and draws a
    head at each end; a shaft too unless its mode is markers only."""
    found = []
    for trace in fig.data:
        if trace.marker.symbol == "arrow":
            heads = len(trace.x) // 3
            assert trace.marker.angleref == "previous" and trace.marker.size[1::3] == (HEAD,) * heads
            assert trace.marker.size[0::3] == (0,) * heads  # one head, at the end
            found += [((trace.x[i], trace.y[i]), (trace.x[i + 1], trace.y[i + 1])) for i in range(0, len(trace.x), 3)]
    return found


def test_single_route_has_a_box_and_arrow_per_step(content):
    fig = route(content, "reception-assessment-allocation-review")
    assert texts(fig)[:7] == ["<b>Referral</b>", "<b>Reception</b>", "<b>Allocation</b>", "<b>Assessment</b>",
                          "<b>Allocation</b>", "<b>Long-term<br>work</b>", "<b>Review</b>"]
    boxes = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(boxes) == 7 and len(arrows(fig)) == 6 + 1
    assert fig.layout.title.text == "Reception-assessment-allocation-review team: the route of a referral"
    assert {end[1] for _, end in arrows(fig)} == {0, 0.25}  # one lane, and the arc lands on a box top


def test_only_the_review_model_loops_back_to_allocation(content):
    (arc,) = [s for s in route(content, "reception-assessment-allocation-review").layout.shapes
              if s.type == "path"]
    second_allocation = 2.1 * 4  # the route's fourth step after the referral
    assert arc.path.startswith(f"M {2.1 * 6},0.25") and arc.path.endswith(f"{second_allocation},0.29")
    assert "back to the team" in texts(route(content, "reception-assessment-allocation-review"))
    assert not [s for s in route(content, "reception-assessment-allocation").layout.shapes if s.type == "path"]


def test_parallel_pathway_draws_one_lane_per_profession(content):
    fig = route(content, "parallel-pathway")
    lanes = [t for t in texts(fig) if t.endswith("pathway</b>")]
    assert lanes == ["<b>Community nursing pathway</b>", "<b>Social work pathway</b>",
                     "<b>Occupational therapy pathway</b>"]
    assert len(fig.layout.shapes) == 1 + 3 * 2 and len(arrows(fig)) == 3 * 2
    assert {start for start, _ in arrows(fig) if start[0] == 0.75} == {(0.75, 1.0)}  # all fan out from the referral


def test_hybrid_has_a_shared_route_and_direct_routes(content):
    fig = route(content, "hybrid-parallel-pathway")
    assert "<b>Shared team route</b>" in texts(fig)
    assert sum(t.startswith("<b>Direct route:") for t in texts(fig)) == 3
    assert len(fig.layout.shapes) == 1 + 4 + 3 * 2
    shared_assessment, *direct = [x for x, _, text in labels(fig) if text == "<b>Assessment</b>"]
    assert direct == [shared_assessment] * 3  # direct routes skip reception and allocation


def test_hover_explains_each_stage(content):
    fig = route(content, "allocation")
    (hover,) = [t for t in fig.data if t.hoverinfo == "text"]
    assert len(hover.x) == 4 and "meeting" in hover.hovertext[1]
    assert list(zip(hover.x, hover.y)) == [(x, y) for x, y, _ in labels(fig)]  # over the boxes


@pytest.mark.parametrize("mtype_id", ["profession-managed", "single-manager", "joint-management",
                                      "team-manager-contracted", "hybrid-management"])
def test_management_diagram_shows_lines_budget_and_accountability(content, mtype_id):
    mtype = content.by_id("team_management_types")[mtype_id]
    diagram = next(d for d in content.team_choice.management_diagrams if d.id == mtype_id)
    fig = management_lines(mtype, diagram)
    labels = texts(fig)
    for node in diagram.nodes:
        assert f"<b>{node.label}</b>" in labels
        assert (f"£ {node.budget}" in labels) == bool(node.budget)
        assert (f"Accountable: {node.accountable}" in labels) == bool(node.accountable)
    thick = [s for s in fig.layout.shapes if s.line.width > 3]
    assert len(thick) == sum(bool(n.accountable) for n in diagram.nodes) >= 1
    lines = [t for t in fig.data if t.mode == "lines"]
    assert len(lines) == len(diagram.links) == len(arrows(fig))
    assert sorted(((t.x[0], t.y[0]), (t.x[1], t.y[1])) for t in lines) == sorted(arrows(fig))  # a head on each line
    assert all(t.mode == "markers" for t in fig.data if t.marker.symbol == "arrow")  # heads only: dashes stay
    legend = [t.name for t in fig.data if t.showlegend]
    assert sorted(legend) == sorted({LINK_STYLES[link.kind][2] for link in diagram.links})


def test_vertical_route_runs_down_the_page(content):
    choice = content.team_choice
    model = content.by_id("team_process_models")["reception-assessment-allocation-review"]
    fig = referral_route(model, choice.stages, choice.example_professions, vertical=True)
    boxes = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(boxes) == 7 and len({b.x0 for b in boxes}) == 1  # one column
    assert all(start[1] > end[1] for start, end in arrows(fig))  # every arrow points down the page
    assert "back to<br>the team" in texts(fig)


def test_vertical_lanes_are_named_under_their_last_box(content):
    choice = content.team_choice
    model = content.by_id("team_process_models")["hybrid-parallel-pathway"]
    fig = referral_route(model, choice.stages, choice.example_professions, vertical=True)
    names = [a for a in fig.layout.annotations if a.text.startswith("<b>Direct route:<br>")]
    assert len(names) == 3 and all(a.yanchor == "top" and a.y < -3 for a in names)


def test_small_management_diagram_uses_smaller_type(content):
    mtype = content.by_id("team_management_types")["single-manager"]
    diagram = next(d for d in content.team_choice.management_diagrams if d.id == mtype.id)
    big, small = management_lines(mtype, diagram), management_lines(mtype, diagram, small=True)
    big_sizes, small_sizes = ([a.font.size for a in fig.layout.annotations] + [t.textfont.size for t in fig.data
                                                                                if t.textfont.size]
                              for fig in (big, small))
    assert max(small_sizes) < min(big_sizes)


def test_each_diagram_dict_is_what_its_figure_sends_to_the_browser(content):
    """The dashboard shows the ``*_spec`` dicts: they must send exactly the ``go.Figure``'s JSON."""
    choice = content.team_choice
    for model in content.team_process_models:
        for vertical in (False, True):
            spec = referral_route_spec(model, choice.stages, choice.example_professions, vertical)
            fig = referral_route(model, choice.stages, choice.example_professions, vertical)
            assert figure_json(spec) == figure_json(fig), (model.id, vertical)
    for mtype in content.team_management_types:
        diagram = next(d for d in choice.management_diagrams if d.id == mtype.id)
        for small in (False, True):
            assert figure_json(management_lines_spec(mtype, diagram, small)) == \
                figure_json(management_lines(mtype, diagram, small)), (mtype.id, small)


def test_diagram_dicts_share_nothing_between_calls(content):
    """No dict is shared between two diagrams or with the module, so changing one changes nothing else."""
    choice = content.team_choice
    model = content.by_id("team_process_models")["hybrid-parallel-pathway"]
    first = referral_route_spec(model, choice.stages, choice.example_professions)
    for note in first["layout"]["annotations"]:
        note.get("font", {})["size"] = 99
    first["data"][-1]["textfont"]["size"] = 99
    first["data"][0]["hovertext"][0] = "changed"
    again = referral_route_spec(model, choice.stages, choice.example_professions)
    assert 99 not in {n.get("font", {}).get("size") for n in again["layout"]["annotations"]}
    assert again["data"][-1]["textfont"]["size"] == 13
    assert again["data"][0]["hovertext"][0] != "changed" and FONT["size"] == 13
    assert figure_json(again) == figure_json(route(content, "hybrid-parallel-pathway"))
