"""The kit's content: loaded from ``data/``, validated, cached."""

from .loader import ContentError, clear_cache, default_data_dir, load_content
from .schema import Content

__all__ = ["Content", "ContentError", "clear_cache", "default_data_dir", "load_content"]
