"""The logic and chart layers run without Jupyter: importing them loads no widget or kernel code;
logic draws nothing, so it loads neither plotly nor kaleido (rendering is the charts' job)."""

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import ickit.charts
import ickit.logic

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("ipywidgets", "IPython", "ipykernel", "anywidget")
DRAWING = ("plotly", "kaleido")


def modules(package) -> list[str]:
    return [f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)]


def loaded(names: list[str], watched: tuple[str, ...]) -> list[str]:
    """Which of ``watched`` a fresh interpreter has loaded once it has imported ``names``."""
    code = ("import importlib, json, sys\n"
            f"for name in {names!r}: importlib.import_module(name)\n"
            f"print(json.dumps([m for m in {watched!r} if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT / "widgets")}, check=True)
    return json.loads(out.stdout)


def test_logic_and_charts_import_no_jupyter():
    assert loaded(["ickit.content", *modules(ickit.logic), *modules(ickit.charts)], FORBIDDEN) == []


def test_logic_imports_neither_plotly_nor_kaleido():
    assert loaded(["ickit.content", *modules(ickit.logic)], DRAWING) == []
