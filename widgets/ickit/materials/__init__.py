"""Trainer materials built from ``data/``: reveal.js decks, the trainer guide and printed handouts."""

from .build import build_all, default_slides_dir
from .pdf import PdfUnavailable

__all__ = ["PdfUnavailable", "build_all", "default_slides_dir"]
