"""The kit writes in its own words: no long run of words shared with the source texts."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ickit.content import load_content

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT.parent / "shared" / "tools" / "source_overlap.py"
ROW = re.compile(r'^(?P<path>[^:]+): "(?P<words>[^"]+)" \((?P<src>[^)]+)\)$')


def words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'")))


def names_in(node) -> list[str]:
    """Every name, heading and title in the content: these may be quoted, with attribution."""
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k in ("name", "heading", "title") and isinstance(v, str)]
        return found + [n for v in node.values() for n in names_in(v)]
    if isinstance(node, list):
        return [n for v in node for n in names_in(v)]
    return []


def test_no_run_of_ten_words_outside_names_and_titles():
    if not TOOL.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{TOOL} is missing: CI clones the kit with shared/ beside it")
        pytest.skip("the shared source-overlap tool is not beside this clone")
    out = subprocess.run([sys.executable, str(TOOL), str(ROOT)],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    content = load_content(ROOT / "data")
    titles = [words(f"{s.authors} {s.year} {s.title} {s.published_in or ''}") for s in content.sources]
    names = [words(n) for n in names_in(content.model_dump())]
    offending = []
    assert out, "the overlap tool printed nothing"
    for line in out:
        if line.startswith("no run of"):
            continue
        row = ROW.match(line)
        assert row, f"cannot read the overlap tool's line: {line}"
        shown = words(row["words"].split(" ...")[0])
        if row["path"] == "data/sources.yaml" and any(shown in t for t in titles):
            continue
        if any(re.sub(r"^(law|lesson) \d+ ", "", shown) == n for n in names):
            continue  # a name quoted as a name, with the number the source gives it
        offending.append(line)
    assert not offending, "\n".join(offending)
