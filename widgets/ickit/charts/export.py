"""A chart as a file to download: a PNG drawn by kaleido in the system's Chromium, or a web page
with plotly.js inlined. The kit's one place that renders a figure to a file.

For the PNG nothing is downloaded (no ``kaleido.get_chrome()``) and MathJax is off, so no script
comes from the web. Any failure is a :class:`KitInputError` with a plain message a visitor can read.
"""

from __future__ import annotations

import logging

import plotly.graph_objects as go

from ..errors import KitInputError

log = logging.getLogger("ickit")
NO_BROWSER = ("The picture cannot be made here: no Chromium browser is installed on the server. "
              "The other downloads still work.")
FAILED = "The picture could not be drawn this time; try again in a moment. The other downloads still work."


def figure_to_png(fig: go.Figure, width: int = 1100, height: int = 600) -> bytes:
    """``fig`` as PNG bytes of ``width`` x ``height`` pixels."""
    import kaleido
    from kaleido.errors import ChromeNotFoundError

    try:
        return kaleido.calc_fig_sync(fig.to_dict(), opts={"format": "png", "width": width,
                                                          "height": height},
                                     kopts={"mathjax": False})
    except ChromeNotFoundError:
        raise KitInputError(NO_BROWSER) from None
    except Exception:  # kaleido or the browser failed: keep the details in the log only
        log.exception("kaleido could not draw a PNG")
        raise KitInputError(FAILED) from None


def figure_to_html(fig: go.Figure) -> str:
    """A standalone page with plotly.js inlined, so it opens without a network."""
    return fig.to_html(include_plotlyjs=True, full_html=True)
