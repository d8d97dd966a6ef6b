"""The `ickit` command as a user runs it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KEYS = ["laws", "lessons", "outcomes", "dimensions", "team_dimensions", "team_process_models",
        "team_management_types", "boundary_spanner_roles", "culture", "timescales",
        "systemic_questions", "panel_themes", "sources"]


def ickit(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "widgets")}
    result = subprocess.run([sys.executable, "-m", "ickit", *args], capture_output=True,
                            text=True, env=env, cwd=ROOT)
    print(result.stdout[-2000:], result.stderr[-2000:])
    return result


def test_check_passes():
    result = ickit("check")
    assert result.returncode == 0
    assert "data/ is valid" in result.stdout
    assert "outcomes 6, vision 4, leadership 7, culture 6" in result.stdout


def test_content_json_has_every_section():
    result = ickit("content", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert set(KEYS) <= set(data)
    for key in KEYS:
        items = data[key] if isinstance(data[key], list) else [data[key]]
        assert items and all("id" in item for item in items), key
        if key != "sources":
            assert all("source" in item for item in items), key


def test_content_without_json_flag_says_how():
    result = ickit("content")
    assert result.returncode == 2 and "--json" in result.stderr


def test_bad_data_folder_is_named(tmp_path):
    result = ickit("--data", str(tmp_path / "nowhere"), "check")
    assert result.returncode == 1
    assert "no such data folder" in result.stderr and "Traceback" not in result.stderr


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "ickit"
    if not script.exists():
        if os.environ.get("CI"):
            pytest.fail("the `ickit` command is not installed in the test environment")
        pytest.skip("ickit is not installed in this environment (run `make test`)")
    assert subprocess.run([str(script), "check"], capture_output=True).returncode == 0
