"""Trainer materials built from ``data/``: reveal.js decks, the workshops as decks, the trainer
guide and printed handouts."""

from .build import build_all, default_slides_dir
from .pdf import PdfUnavailable
from .workshop import Details, join_address

__all__ = ["Details", "PdfUnavailable", "build_all", "default_slides_dir", "join_address"]
