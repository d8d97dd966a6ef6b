"""How a dashboard's kernel learns the query of the address its page was opened with (``?room=``).

A kernel Voila starts for a request has the query in ``QUERY_STRING`` from the start. A kernel
started in advance (a pool's) ran its notebook before anyone asked for the page: Voila hands it
the request's details when a visitor takes it, over a websocket that ``voila.utils.
wait_for_request`` (Voila's own helper for preheated kernels) waits on. That wait blocks, so it
runs in a thread here, and the dashboard is drawn before anyone arrives.

Checked against voila 0.5.13: ``VOILA_PREHEAT`` is "True" in a pool's kernels, and
``wait_for_request`` puts ``QUERY_STRING`` into ``os.environ``.
"""

from __future__ import annotations

import asyncio
import os
from typing import Callable
from urllib.parse import parse_qsl


def current_query() -> dict[str, str]:
    return dict(parse_qsl(os.environ.get("QUERY_STRING", "")))


def preheated() -> bool:
    return os.environ.get("VOILA_PREHEAT") == "True"


def when_page_opens(callback: Callable[[dict[str, str]], None]) -> None:
    """Call ``callback(query)`` on the kernel's event loop once the page's query is known: at once
    outside a preheated kernel (in JupyterLab the query is empty), else when a visitor arrives."""
    if not preheated():
        callback(current_query())
        return
    from voila.utils import wait_for_request

    loop = asyncio.get_event_loop()

    def wait() -> None:
        wait_for_request()
        loop.call_soon_threadsafe(callback, current_query())

    loop.run_in_executor(None, wait)
