"""A device's key for workshop rooms: a random secret the browser keeps in its local storage and
hands to the kernel (front end in ``widgets/labextension``), so that a participant who reloads the
page, loses the connection or gets a new kernel comes back as the same participant."""

from __future__ import annotations

import ipywidgets as widgets
from traitlets import Unicode

from .chart import MODULE, MODULE_VERSION


class DeviceKey(widgets.DOMWidget):
    """Shows nothing; ``key`` is filled in once the browser has drawn it."""

    _model_name = Unicode("DeviceKeyModel").tag(sync=True)
    _model_module = Unicode(MODULE).tag(sync=True)
    _model_module_version = Unicode(MODULE_VERSION).tag(sync=True)
    _view_name = Unicode("DeviceKeyView").tag(sync=True)
    _view_module = Unicode(MODULE).tag(sync=True)
    _view_module_version = Unicode(MODULE_VERSION).tag(sync=True)
    key = Unicode("").tag(sync=True)
