"""``ickit slides``: build every deck, the run sheet, the trainer guide and the handouts."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..content import Content
from .decks import build_decks
from .guide import build_guide
from .handouts import build_handouts


def default_slides_dir() -> Path:
    """The ``slides/`` folder of the checkout ``ickit`` runs from, beside its ``vendor/`` assets."""
    return Path(__file__).resolve().parents[3] / "slides"


def build_all(content: Content, out: Path, pdf: bool = True) -> list[Path]:
    """Write everything into ``out`` (the kit's ``slides/``); return the files written."""
    vendor = default_slides_dir() / "vendor"
    if out.resolve() != vendor.parent:
        shutil.copytree(vendor, out / "vendor", dirs_exist_ok=True)  # decks link vendor/ beside them
    written = build_decks(content, out)
    written += build_guide(content, out, pdf=pdf)
    if pdf:
        written += build_handouts(content, out / "handouts")
    return written
