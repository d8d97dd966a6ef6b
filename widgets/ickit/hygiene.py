"""Keep committed notebooks clean: no widget state, no outputs, no execution counts.

nbval runs every cell and compares none of them: nothing the kit's notebooks show is stored in
them (the figures a learner reads are in their Markdown, checked by the tests).
"""

from __future__ import annotations

from pathlib import Path

import nbformat

MAX_BYTES = 200_000


def clean(nb):
    """Strip ``nb`` in place: widget state, outputs and execution counts go."""
    nb.metadata.pop("widgets", None)
    for cell in (c for c in nb.cells if c.cell_type == "code"):
        cell.metadata.pop("execution", None)
        cell.outputs = []
        cell.execution_count = None
    return nb


def problems(path: Path) -> list[str]:
    """What stops the notebook at ``path`` being committed as it is; empty when clean."""
    found = []
    if path.stat().st_size > MAX_BYTES:
        found.append(f"{path.name}: {path.stat().st_size} bytes, over the {MAX_BYTES} limit")
    nb = nbformat.read(path, as_version=4)
    if "widgets" in nb.metadata:
        found.append(f"{path.name}: holds widget state in its metadata")
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None):
            found.append(f"{path.name}: cell {i} keeps outputs or an execution count")
    return found


def clean_file(path: Path) -> None:
    """Strip the notebook at ``path`` and save it."""
    nbformat.write(clean(nbformat.read(path, as_version=4)), path)
