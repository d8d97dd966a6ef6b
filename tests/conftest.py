"""Shared fixtures: the kit's content and the repository's paths."""

from pathlib import Path

import pytest

from ickit.content import load_content

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def content():
    return load_content(ROOT / "data")
