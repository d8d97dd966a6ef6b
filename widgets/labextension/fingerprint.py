"""The fingerprint of the chart widget's front-end sources, which its built copy records.

    python widgets/labextension/fingerprint.py

prints it; `make labextension` writes it beside the build, and tests/test_chart_extension.py fails
when the sources have changed since (rebuild with `make labextension`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUILT = HERE.parent / "ickit" / "share" / "labextensions" / "ickit-charts"


def sources() -> list[Path]:
    """What the build is made from: the package and its lock, the build settings, the code."""
    return [HERE / "package.json", HERE / "package-lock.json", HERE / "webpack.config.js",
            *sorted((HERE / "src").rglob("*.js"))]


def fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sources():
        digest.update(path.relative_to(HERE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


if __name__ == "__main__":
    print(fingerprint())
