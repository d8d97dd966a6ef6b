"""The kit's chart widget (ickit-charts): built from its sources, served by `ickit serve` instead of
plotly's own renderer, linked for JupyterLab, and able to draw every kind of chart the kit makes."""

import ast
import json
import re
import runpy
from pathlib import Path

from jupyter_core.paths import jupyter_path
from jupyterlab_server.config import get_federated_extensions
import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType

from ickit.serve import DENIED_EXTENSIONS, LABEXTENSIONS, ServeOptions, voila_config

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "widgets" / "labextension"
BUILT = LABEXTENSIONS / "ickit-charts"
CHARTS = ROOT / "widgets" / "ickit" / "charts"


def test_the_build_is_of_the_sources_as_they_are():
    recorded = (BUILT / "sources.sha256").read_text(encoding="utf-8").strip()
    assert recorded == runpy.run_path(str(SOURCE / "fingerprint.py"))["fingerprint"](), \
        "widgets/labextension changed since its last build: run `make labextension` and commit the result"


def test_voila_finds_the_built_extension():
    found = get_federated_extensions([str(LABEXTENSIONS)])
    assert list(found) == ["ickit-charts"]
    build = found["ickit-charts"]["jupyterlab"]["_build"]
    assert build["extension"] == "./extension" and (BUILT / build["load"]).is_file()
    shared = found["ickit-charts"]["jupyterlab"]["sharedPackages"]
    for package in ("@jupyter-widgets/base", "@jupyter-widgets/controls"):  # the radio buttons' view
        assert shared[package] == {"bundled": False, "singleton": True}  # the page's widget manager's
    assert "plotly.js" in (BUILT / "static" / "third-party-licenses.json").read_text(encoding="utf-8")


def test_the_python_widget_asks_for_the_built_extension():
    from ickit import _jupyter_labextension_paths
    from ickit.views.chart import MODULE, MODULE_VERSION, Chart
    from ickit.views.choices import Choices

    built = json.loads((BUILT / "package.json").read_text(encoding="utf-8"))
    assert MODULE == built["name"] and MODULE_VERSION == f"^{built['version']}"
    plot = Chart().plot
    assert (plot._model_module, plot._view_module, plot._model_name, plot._view_name) == \
        (MODULE, MODULE, "ChartModel", "ChartView")
    choices = Choices()
    assert (choices._model_module, choices._view_module, choices._view_name) == \
        ("@jupyter-widgets/controls", MODULE, "ChoicesView")  # ipywidgets' model, the kit's view
    assert choices._view_module_version == MODULE_VERSION
    (path,) = _jupyter_labextension_paths()  # what `jupyter labextension develop .` links
    assert LABEXTENSIONS.parents[1] / path["src"] == BUILT and path["dest"] == MODULE


def test_a_chart_is_sent_as_plotly_json_with_a_template():
    from ickit.views.chart import Chart

    chart = Chart()
    chart.show({"data": [{"type": "bar", "x": ["a"], "y": [1]}], "layout": {"title": {"text": "<b>T</b>"}}})
    assert chart.figure["data"] == [{"type": "bar", "x": ["a"], "y": [1]}]
    assert chart.figure["layout"]["title"] == {"text": "<b>T</b>"} and "template" in chart.figure["layout"]


def test_jupyterlab_finds_the_built_extension():
    """Linked by make (`jupyter labextension develop --overwrite .`; README: With conda)."""
    found = get_federated_extensions(jupyter_path("labextensions")).get("ickit-charts")
    assert found and Path(found["ext_path"]).resolve() == BUILT.resolve(), \
        "JupyterLab cannot draw the kit's charts: run `jupyter labextension develop --overwrite .`"


def test_serve_loads_the_kits_chart_widget_instead_of_plotlys_renderer(content):
    c = voila_config(ServeOptions(), content, budget=4)
    assert c.VoilaConfiguration.extra_labextensions_path == [str(LABEXTENSIONS)]
    assert c.VoilaConfiguration.extension_denylist == DENIED_EXTENSIONS == ["jupyterlab-plotly"]


def bundled_trace_types() -> set[str]:
    """scatter (in plotly.js's core) and the trace types src/plotly.js registers."""
    code = (SOURCE / "src" / "plotly.js").read_text(encoding="utf-8")
    return {"scatter", *re.findall(r'require\("plotly\.js/lib/(\w+)"\)', code)} - {"core"}


def used_trace_types() -> set[str]:
    """Every trace type the chart builders name: as a ``type`` that is one of plotly's traces
    (shapes have types too: rect, line, path), or as a ``go.Bar(...)``-like call."""
    traces = {name.lower() for name in dir(go)
              if isinstance(getattr(go, name), type) and issubclass(getattr(go, name), BaseTraceType)}
    used = set()
    for path in CHARTS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            pairs = []
            if isinstance(node, ast.Call):
                pairs = [(k.arg, k.value) for k in node.keywords]
                if isinstance(node.func, ast.Attribute) and node.func.attr.lower() in traces:
                    used.add(node.func.attr.lower())
            elif isinstance(node, ast.Dict):
                pairs = [(k.value if isinstance(k, ast.Constant) else None, v) for k, v in zip(node.keys, node.values)]
            used |= {v.value for k, v in pairs if k == "type" and isinstance(v, ast.Constant) and v.value in traces}
    return used


def test_every_trace_type_the_kit_draws_is_in_the_chart_widgets_plotly():
    used = used_trace_types()
    assert {"scatter", "bar", "scatterpolar"} <= used  # the scan finds them
    assert used <= bundled_trace_types(), \
        f"add {sorted(used - bundled_trace_types())} to widgets/labextension/src/plotly.js"

