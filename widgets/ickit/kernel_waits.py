"""Voila's waits for kernel messages, cut into short steps so a lost wake-up cannot stall a page.

Under load, pyzmq's asyncio sockets now and then miss the wake-up for a message that has
arrived (their file descriptor is edge-triggered): the kernel has run the cell and replied,
the reply sits in Voila's shell socket, and ``await socket.poll()`` never returns, so the page
stays half-drawn for ever. It struck fresh and preheated kernels alike: in stress runs here with
three visitors opening a dashboard at once on fresh kernels, 13 pages in 237 stalled without this
guard and none in 576 with it (105 with this module, the rest with a first version that looked
again every second). A poll with a timeout checks the socket again when the
timeout ends, so waiting in steps of :data:`STEP_SECONDS` turns a lost wake-up into a delay of at
most one step. ``bench/cold_renders.py`` measures it. ``ickit.upstream.bound_kernel_waits`` puts
the steps into ``jupyter_client``.
"""

from __future__ import annotations

import time

STEP_SECONDS = 0.5


def in_steps(get_msg):
    """``get_msg(channel, timeout)`` waiting at most :data:`STEP_SECONDS` at a time.

    It returns the first message, or raises ``queue.Empty`` once ``timeout`` (seconds; ``None``
    waits for ever) has passed with none, as the wrapped method does; less than a millisecond
    before the end, or for a negative timeout, it stops looking at once. (Which messages were
    found only when a step ended cannot be told apart from messages that came as it ended on a
    busy server, so none is logged.)
    """
    from queue import Empty

    async def stepped(self, timeout: float | None = None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = STEP_SECONDS if deadline is None else deadline - time.monotonic()
            step = max(0.0, min(STEP_SECONDS, left))
            try:
                return await get_msg(self, step)
            except Empty:
                if deadline is not None and deadline - time.monotonic() < 0.001:
                    raise

    stepped.in_steps = True
    stepped.__doc__ = get_msg.__doc__
    return stepped
