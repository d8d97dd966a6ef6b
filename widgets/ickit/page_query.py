"""How a dashboard's kernel learns the query of the address its page was opened with (``?room=``).

A kernel Voila starts for a request has the query in ``QUERY_STRING`` from the start. A kernel
started in advance (a pool's) ran its notebook before anyone asked for the page: Voila hands it
the request's details when a visitor takes it, over a websocket at ``voila/query/<kernel id>``
that its helper ``voila.utils.wait_for_request`` blocks on. The kit listens on that websocket
itself, with the tornado client the kernel already holds, without blocking: the dashboard is
drawn before anyone arrives, and importing ``voila.utils`` would load jupyter_server and nbconvert
into every kernel (about 70 MB each).

Checked against voila 0.5.13 (``voila/utils.py`` ``wait_for_request``, ``request_info_handler.py``):
a pool's kernels have ``VOILA_PREHEAT`` "True", ``VOILA_KERNEL_ID`` (set as the notebook starts),
``VOILA_APP_PORT`` and ``VOILA_SERVER_URL``; the websocket sends one JSON object of environment
variables, ``QUERY_STRING`` among them, which Voila's helper puts into ``os.environ``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from typing import Callable
from urllib.parse import parse_qsl

log = logging.getLogger("ickit")
CONNECT_SECONDS = 5  # as Voila's helper


def current_query() -> dict[str, str]:
    return dict(parse_qsl(os.environ.get("QUERY_STRING", "")))


def preheated() -> bool:
    return os.environ.get("VOILA_PREHEAT") == "True"


def request_info_url() -> str:
    """Where a preheated kernel hears of its request, as ``voila.utils.wait_for_request`` finds it."""
    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    return f"{protocol}://{host}:{port}{base}voila/query/{os.environ.get('VOILA_KERNEL_ID', '')}"


async def request_info() -> dict[str, str]:
    """The details of the request that took this preheated kernel, once a visitor arrives."""
    from tornado.websocket import websocket_connect

    connection = await websocket_connect(request_info_url(), connect_timeout=CONNECT_SECONDS)
    try:
        message = await connection.read_message()
    finally:
        connection.close()
    return json.loads(message) if message else {}


def when_page_opens(callback: Callable[[dict[str, str]], None]) -> None:
    """Call ``callback(query)`` once the page's query is known: at once outside a preheated kernel
    (in JupyterLab the query is empty), else on the kernel's event loop when a visitor arrives.
    If Voila cannot be reached, the query is taken as empty (the page then asks for what it needs)."""
    if not preheated():
        callback(current_query())
        return

    async def wait() -> None:
        try:
            os.environ.update(await request_info())
        except Exception:  # the page still works: it asks for the room's code
            log.exception("could not hear the page's address from Voila")
        callback(current_query())

    asyncio.ensure_future(wait())
