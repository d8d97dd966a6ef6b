"""Chart builders: pure functions that take logic results and return plotly figures.

Each builder returns a ``go.Figure`` made from a ``*_spec`` function that returns the same figure
as a plain dict. Dashboards show the dict: building a ``go.Figure`` loads plotly's validators,
about 17 MB that every kernel would then hold (30 MB with a named template such as
``plotly_white``); tests, notebooks and exports use the ``go.Figure``.
"""

from __future__ import annotations

import functools
import json

from ..upstream import plotly_template_text

DEFAULT_TEMPLATE = "plotly"  # what go.Figure applies when a figure names no template


def plotly_template(name: str = DEFAULT_TEMPLATE) -> dict:
    """One of plotly's built-in templates as the plain dict ``go.Figure`` embeds for it, read
    from plotly's package data without building plotly's template objects."""
    return json.loads(_template_text(name))


_template_text = functools.lru_cache(maxsize=None)(plotly_template_text)
