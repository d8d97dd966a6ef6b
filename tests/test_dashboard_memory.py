"""Dashboards send their charts as plain dicts, so their kernels hold no plotly validators.

Building a ``go.Figure`` loads plotly's validators (about 17 MB in every kernel, 30 MB with a named
template); a dashboard's kernel must stay within 1.6x a bare kernel (``bench/run.py``). Each chart
builder returns the ``go.Figure`` of a ``*_spec`` dict; these tests check that the dict is what
that figure sends to the browser, and that running a dashboard's cells loads none of plotly's
validators nor the libraries only exports need.
"""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ickit.charts import laws, lessons_check, plotly_template, readiness, timeline
from ickit.logic import stakeholders as stakeholder_logic
from ickit.logic.timeline import Plan, from_template
from ickit.views.chart import figure_json

ROOT = Path(__file__).resolve().parents[1]
DASHBOARDS = sorted((ROOT / "notebooks" / "dashboards").glob("*.ipynb"))
HEAVY = ("_plotly_utils.basevalidators", "plotly.graph_objs", "narwhals", "PIL", "pandas", "numpy",
         "kaleido")


def _sent(fig) -> dict:
    """What reaches the browser, less the empty dicts ``go.Figure`` drops (``title={}``)."""
    def strip(x):
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if v != {}}
        return [strip(v) for v in x] if isinstance(x, list) else x
    return strip(figure_json(fig))


def _pairs(content):
    from ickit.views.law1_targeting import law1_targeting
    from ickit.views.law2_costs import law2_costs
    from ickit.views.lessons_check import LessonsCheckView
    from ickit.views.readiness import readiness_view
    from ickit.views.stakeholders import stakeholder_map

    plans = [from_template(t, date(2027, 1, 1)) for t in content.plans.templates]
    for plan in [*plans, Plan(name="Blank", start=date(2028, 2, 29))]:
        yield f"timeline {plan.name}", timeline.timeline_spec, timeline.timeline_figure, (plan,)
    v1 = law1_targeting(content)
    yield "law 1", laws.targeting_spec, laws.targeting, (v1.mine, v1.everyone, "£")
    v2 = law2_costs(content)
    yield "law 2", laws.net_cost_spec, laws.net_cost, (v2.years, v2.break_even, v2.marks, "£")
    v3 = stakeholder_map(content)
    yield ("stakeholders", laws.power_interest_spec, laws.power_interest,
           (v3.map.people, v3.exercise.quadrants, stakeholder_logic.HIGH_FROM))
    v4 = LessonsCheckView(content, partners="A, <b>B</b>")
    for dropdown in list(v4.controls.values())[:3]:
        dropdown.value = dropdown.options[-1][1]
    yield "lessons", lessons_check.traffic_lights_spec, lessons_check.traffic_lights, (v4.results, v4.settings)
    v5 = readiness_view(content)
    yield "readiness", readiness.radar_spec, readiness.radar, (v5.result,)


def test_each_chart_dict_is_what_its_figure_sends_to_the_browser(content):
    for name, spec, figure, args in _pairs(content):
        assert _sent(spec(*args)) == _sent(figure(*args)), name


def test_a_dict_without_a_template_gets_the_one_go_figure_would_add():
    import plotly.graph_objects as go

    sent = figure_json({"data": [], "layout": {"title": {"text": "T"}}})
    assert sent == json.loads(go.Figure(layout={"title": {"text": "T"}}).to_json())
    assert plotly_template("plotly_white") == json.loads(
        go.Figure(layout={"template": "plotly_white"}).to_json())["layout"]["template"]


@pytest.mark.parametrize("notebook", DASHBOARDS, ids=lambda p: p.stem)
def test_a_dashboard_loads_no_plotly_validators_nor_export_libraries(notebook):
    cells = ["".join(c["source"]) for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
             if c["cell_type"] == "code"]
    code = "\n".join(["import sys", *cells, f"print('loaded:', [m for m in {HEAVY!r} if m in sys.modules])"])
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=notebook.parent,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "widgets")}, check=True)
    assert out.stdout.splitlines()[-1] == "loaded: []", out.stdout[-500:]
