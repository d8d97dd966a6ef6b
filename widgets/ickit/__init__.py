"""Integrated Care Workshop Kit: content, logic, charts and widgets for teaching integrated care."""

from .content import Content, ContentError, load_content

__all__ = ["Content", "ContentError", "load_content"]
__version__ = "0.1.0"
