"""Each dashboard notebook shows its title and purpose from data/dashboards.yaml, typed nowhere else."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from ickit.errors import KitInputError
from ickit.views.dashboard_header import dashboard_header

ROOT = Path(__file__).resolve().parents[1]


def test_header_comes_from_data_and_is_escaped(content):
    d = content.by_id("dashboards")["readiness"]
    header = dashboard_header("readiness", content).value
    assert header.startswith(f"<h1>{d.title}</h1>") and "<p>Rate what delivery requires" in header


def test_unknown_dashboard_gets_a_plain_message(content):
    with pytest.raises(KitInputError, match="There is no dashboard 'nope'; the dashboards are: contents"):
        dashboard_header("nope", content)


def test_every_dashboard_notebook_is_its_header_then_its_view(content):
    """Two cells, so that as live slides a dashboard opens on its title, then its controls."""
    for d in content.dashboards:
        nb = nbformat.read(ROOT / "notebooks" / "dashboards" / d.notebook, as_version=4)
        assert [c.cell_type for c in nb.cells] == ["code", "code"], d.notebook
        assert nb.cells[0].source.endswith(f'dashboard_header("{d.id}")'), d.notebook
        source = "\n".join(c.source for c in nb.cells)
        assert d.title not in source and "#" not in source, d.notebook
        # the page title Voila shows in the browser tab must not drift from the data
        assert nb.metadata.get("title", d.title) == d.title, d.notebook
