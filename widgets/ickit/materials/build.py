"""``ickit slides``: build every deck, both workshops, the index, the trainer guide and the
handouts, and a PDF of each deck and workshop."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..content import Content
from ..kit_files import CHECKOUT, IN_CHECKOUT, REVEAL_JS, kit_folder
from .decks import build_decks
from .guide import build_guide, build_index
from .handouts import build_handouts
from .pdf import chromium, print_pages
from .workshop import Details, build_workshops


def default_slides_dir() -> Path:
    """Where ``ickit slides`` writes unless told: the checkout's ``slides/``, beside its
    ``vendor/`` assets, or ``slides/`` in the current folder for an installed kit."""
    return CHECKOUT / "slides" if IN_CHECKOUT else Path.cwd() / "slides"


def build_all(content: Content, out: Path, pdf: bool = True,
              details: dict[str, Details] | None = None) -> list[Path]:
    """Write everything into ``out`` (the kit's ``slides/``); return the files written.
    ``details`` gives a trainer's details and join address for the workshops it names."""
    vendor = kit_folder("slides/vendor")
    if out.resolve() != vendor.parent:
        shutil.copytree(vendor, out / "vendor", dirs_exist_ok=True)  # decks link vendor/ beside them
    shutil.copytree(REVEAL_JS, out / "vendor" / REVEAL_JS.name, dirs_exist_ok=True)
    decks = build_decks(content, out)
    workshops = build_workshops(content, out, details or {})
    written = [*decks, *workshops, build_index(content, out, pdf)]
    if pdf:
        chromium()  # found before the slower work, or the command says at once what to install
    written += build_guide(content, out, pdf=pdf)
    if pdf:
        written += build_handouts(content, out / "handouts")
        written += print_pages({page: out / "pdf" / f"{page.stem}.pdf"
                                for page in [*decks, *workshops] if page.suffix == ".html"})
    return written
