"""The logic and chart layers run without Jupyter: importing them loads no widget or kernel code."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import ickit.charts
import ickit.logic

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("ipywidgets", "IPython", "ipykernel", "anywidget")


def modules(package) -> list[str]:
    return [f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)]


def test_logic_and_charts_import_no_jupyter():
    names = ["ickit.content", *modules(ickit.logic), *modules(ickit.charts)]
    code = ("import importlib, sys\n"
            f"for name in {names!r}: importlib.import_module(name)\n"
            f"print([m for m in {FORBIDDEN!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT / "widgets")}, check=True)
    assert out.stdout.strip() == "[]", out.stdout
