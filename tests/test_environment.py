"""environment.yml (conda, Binder) and pyproject.toml (pip) declare the same dependencies."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
FLOORS = {"jupyterlab": "4", "ipywidgets": "8", "plotly": "7", "voila": "0.5.13",
          "jupyter-server": "2.20", "nbval": "0.11"}


def parse(requirement: str) -> tuple[str, str]:
    name, spec = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement).groups()
    return re.sub(r"[-_.]+", "-", name).lower(), spec.replace(" ", "")


def pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = project["dependencies"] + project["optional-dependencies"]["test"]
    return dict(parse(r) for r in reqs)


def conda() -> dict[str, str]:
    deps = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    flat = []
    for dep in deps:
        flat.extend(dep["pip"] if isinstance(dep, dict) else [dep])
    return dict(parse(d) for d in flat if not d.startswith("-e") and parse(d)[0] not in {"python", "pip"})


def test_same_dependencies_and_floors():
    assert conda() == pyproject()


def test_python_floor():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11"
    assert "python>=3.11" in yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]


def test_required_floors():
    declared = pyproject()
    for name, floor in FLOORS.items():
        assert declared[name].startswith(f">={floor}"), (name, declared[name])


def test_environment_installs_the_kit():
    deps = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    pip = next(d["pip"] for d in deps if isinstance(d, dict))
    assert "-e ." in pip
