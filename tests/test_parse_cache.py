"""The parsed-YAML cache: used when nothing changed, refreshed when a file changes, optional."""

import shutil
from pathlib import Path

import pytest

from ickit.content import clear_cache, load_content, loader

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    shutil.copytree(ROOT / "data", tmp_path / "data")
    clear_cache()
    yield tmp_path / "data"
    clear_cache()


def count_parses(monkeypatch) -> list:
    calls = []
    real = loader.read_sections
    monkeypatch.setattr(loader, "read_sections", lambda d: calls.append(d) or real(d))
    return calls


def test_second_load_skips_parsing(data_copy, monkeypatch):
    calls = count_parses(monkeypatch)
    first = load_content(data_copy)
    clear_cache()
    assert load_content(data_copy) == first
    assert len(calls) == 1


def test_changed_file_is_parsed_again(data_copy, monkeypatch):
    calls = count_parses(monkeypatch)
    load_content(data_copy)
    panel = data_copy / "panel.yaml"
    panel.write_text(panel.read_text().replace("Agility and less bureaucracy", "Agility, less red tape"))
    clear_cache()
    themes = load_content(data_copy).by_id("panel_themes")
    assert themes["agility-less-bureaucracy"].name == "Agility, less red tape"
    assert len(calls) == 2


def test_unwritable_cache_still_loads(data_copy, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_content(data_copy).laws
