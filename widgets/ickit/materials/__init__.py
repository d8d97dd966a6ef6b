"""Trainer materials built from ``data/``: reveal.js decks, the trainer guide and printed handouts."""

from .build import build_all, default_slides_dir

__all__ = ["build_all", "default_slides_dir"]
