"""A broken data file gives one clear message naming the file, the entry and the field.

Each file in bad_data/ replaces one real data file (its `# replaces:` line) and names the message
it must give (its `# expect:` line).
"""

import shutil
from pathlib import Path

import pytest
import yaml

from ickit.cli import main
from ickit.content import ContentError, clear_cache, load_content

ROOT = Path(__file__).resolve().parents[1]
BAD = sorted((Path(__file__).parent / "bad_data").glob("*.yaml"))


def header(path: Path, key: str) -> str:
    for line in path.read_text().splitlines():
        if line.startswith(f"# {key}: "):
            return line.split(": ", 1)[1]
    raise AssertionError(f"{path.name} has no '# {key}:' line")


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    clear_cache()
    yield target
    clear_cache()


def test_there_are_bad_files():
    assert len(BAD) >= 6


@pytest.mark.parametrize("bad", BAD, ids=[p.stem for p in BAD])
def test_bad_file_message(bad, data_copy):
    shutil.copy(bad, data_copy / header(bad, "replaces"))
    with pytest.raises(ContentError) as caught:
        load_content(data_copy)
    assert len(caught.value.problems) == 1, caught.value.problems
    expected = f"{data_copy}/{header(bad, 'expect')}"
    assert caught.value.problems[0].startswith(expected), caught.value.problems[0]


def test_nested_checklist_entry_is_named(data_copy):
    path = data_copy / "dimensions.yaml"
    doc = yaml.safe_load(path.read_text())
    culture = next(i for i, d in enumerate(doc["dimensions"]) if d["id"] == "culture")
    item = doc["dimensions"][culture]["requires"][2]
    del item["text"]
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    with pytest.raises(ContentError) as caught:
        load_content(data_copy)
    assert caught.value.problems == [
        f"{path}: dimensions[{culture}] (id 'culture').requires[2] (id '{item['id']}'): "
        "field 'text': Field required"]


def test_missing_section_is_named(data_copy):
    (data_copy / "panel.yaml").unlink()
    with pytest.raises(ContentError, match="no section 'panel_themes' in any data file"):
        load_content(data_copy)


def test_section_in_two_files(data_copy):
    shutil.copy(data_copy / "panel.yaml", data_copy / "panel_copy.yaml")
    with pytest.raises(ContentError, match="section 'panel_themes' is also in"):
        load_content(data_copy)


def test_cli_reports_without_traceback(data_copy, capsys):
    shutil.copy(Path(__file__).parent / "bad_data" / "missing_field.yaml", data_copy / "panel.yaml")
    assert main(["--data", str(data_copy), "check"]) == 1
    err = capsys.readouterr().err
    assert "field 'summary': Field required" in err and "Traceback" not in err
