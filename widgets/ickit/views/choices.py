"""Radio buttons that a screen reader meets as one group named by its question, and a keyboard as
one stop (front end in ``widgets/labextension``): ipywidgets' own are neither."""

from __future__ import annotations

import ipywidgets as widgets
from traitlets import Unicode

from .chart import MODULE, MODULE_VERSION


class Choices(widgets.RadioButtons):
    """``RadioButtons`` whose choices form a group named ``question``: one stop for Tab, and the
    arrow keys choose among them."""

    _view_name = Unicode("ChoicesView").tag(sync=True)
    _view_module = Unicode(MODULE).tag(sync=True)
    _view_module_version = Unicode(MODULE_VERSION).tag(sync=True)
    question = Unicode("").tag(sync=True)
