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
    """Strip ``nb`` in place: widget state, execution counts and every unchecked output go."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.execution_count = None
        cell.metadata.pop("execution", None)
        if not is_checked(cell):
            cell.outputs = []
        for out in cell.outputs:
            if "execution_count" in out:
                out.execution_count = None
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
        if cell.execution_count is not None:
            found.append(f"{path.name}: cell {i} keeps an execution count")
        if cell.outputs and not is_checked(cell):
            found.append(f"{path.name}: cell {i} has outputs but is not marked {CHECK_MARK}")
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
