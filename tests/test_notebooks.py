"""Every learner notebook passes nbval, and every committed notebook is clean and small."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ickit import hygiene

ROOT = Path(__file__).resolve().parents[1]
LEARNER = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ALL = sorted((ROOT / "notebooks").rglob("*.ipynb"))


def test_the_course_has_its_notebooks():
    assert len(LEARNER) >= 11, [p.name for p in LEARNER]


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_committed_notebook_is_clean(path):
    assert hygiene.problems(path) == []


def test_cleaning_strips_outputs_counts_and_widget_state(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    nb = new_notebook(cells=[new_code_cell("1", execution_count=3, outputs=[new_output("stream", text="x")]),
                             new_code_cell("2", execution_count=4,
                                           outputs=[new_output("execute_result", {"text/plain": "2"},
                                                               execution_count=4)])],
                      metadata={"widgets": {"state": {}}})
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    assert len(hygiene.problems(path)) == 3
    hygiene.clean_file(path)
    assert hygiene.problems(path) == []
    kept = nbformat.read(path, as_version=4)
    assert all(c.outputs == [] and c.execution_count is None for c in kept.cells)
    assert "widgets" not in kept.metadata


def test_learner_notebooks_pass_nbval(tmp_path):
    """Runs every learner notebook in a fresh kernel: every cell runs without an error."""
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "-p", "no:cacheprovider", "-v",
         "--nbval-cell-timeout=600", *map(str, LEARNER)],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
        env={**os.environ, "ICKIT_NOTES": str(tmp_path)})
    report = out.stdout + out.stderr
    assert out.returncode == 0, report[-4000:]
    # pytest 9 writes the node id as notebooks/00_start_here::ipynb::Cell 0
    passed = {Path(m.group(1)).name + ".ipynb"
              for m in re.finditer(r"^(\S+?)(?:\.|::)ipynb::Cell \d+ PASSED", report, re.M)}
    assert passed == {p.name for p in LEARNER}, report[-2000:]
