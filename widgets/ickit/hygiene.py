"""Keep committed notebooks clean: no widget state, no execution counts, only checked outputs."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import nbformat

CHECK_MARK = "# NBVAL_CHECK_OUTPUT"
MAX_BYTES = 200_000


def is_checked(cell) -> bool:
    return cell.cell_type == "code" and CHECK_MARK in cell.source


def clean(nb):
    """Strip ``nb`` in place: widget state and every unchecked output go.

    nbval skips a cell with outputs but no execution count, so checked cells are numbered 1, 2, ...
    (stable across runs); every other cell loses its count.
    """
    nb.metadata.pop("widgets", None)
    checked = 0
    for cell in (c for c in nb.cells if c.cell_type == "code"):
        cell.metadata.pop("execution", None)
        if is_checked(cell):
            checked += 1
        else:
            cell.outputs = []
        cell.execution_count = checked if is_checked(cell) else None
        for out in cell.outputs:
            if "execution_count" in out:
                out.execution_count = cell.execution_count
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
        if cell.cell_type != "code":
            continue
        if is_checked(cell):
            if cell.outputs and cell.execution_count is None:
                found.append(f"{path.name}: checked cell {i} has outputs but no execution count (nbval skips it)")
        elif cell.outputs or cell.execution_count is not None:
            found.append(f"{path.name}: cell {i} keeps outputs or an execution count but is not marked "
                         f"{CHECK_MARK}")
    return found


def execute(path: Path, timeout: int = 300) -> None:
    """Run the notebook in its own folder, with reflections sent to a throwaway file."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as notes:
        old = os.environ.get("ICKIT_NOTES")
        os.environ["ICKIT_NOTES"] = notes
        try:
            NotebookClient(nb, timeout=timeout, resources={"metadata": {"path": str(path.parent)}}).execute()
        finally:
            os.environ.pop("ICKIT_NOTES") if old is None else os.environ.update(ICKIT_NOTES=old)
    nbformat.write(nb, path)


def clean_file(path: Path, run: bool = False) -> None:
    """Optionally run the notebook (to refresh checked outputs), then strip and save it."""
    if run:
        execute(path)
    nb = clean(nbformat.read(path, as_version=4))
    nbformat.write(nb, path)
