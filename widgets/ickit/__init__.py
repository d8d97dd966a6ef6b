"""Integrated Care Workshop Kit: content, logic, charts and widgets for teaching integrated care."""

from .content import Content, ContentError, load_content

__all__ = ["Content", "ContentError", "load_content"]
__version__ = "0.1.0"


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    """Where JupyterLab finds the chart widget's front end (`jupyter labextension develop .`)."""
    return [{"src": "share/labextensions/ickit-charts", "dest": "ickit-charts"}]
