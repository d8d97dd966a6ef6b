"""A room view's heartbeat: look at the store every few seconds on the kernel's event loop, so the
page updates by itself. Each look is one small query (the room's version); work is done only when
the room changed. Outside a running event loop (tests, a script) nothing is scheduled and the
view is driven by calling its ``tick`` itself."""

from __future__ import annotations

import asyncio
import logging
from typing import Callable

log = logging.getLogger("ickit")


class Watch:
    """Call ``tick()`` every ``seconds`` until ``tick`` returns ``False`` or :meth:`stop` is called."""

    def __init__(self, seconds: float, tick: Callable[[], bool]):
        self.seconds, self.tick = seconds, tick
        self.task: asyncio.Task | None = None

    def start(self) -> bool:
        """Start looking, if the kernel's event loop runs; whether it started."""
        if self.task is not None and not self.task.done():
            return True
        try:
            loop = asyncio.get_event_loop()
        except RuntimeError:
            return False
        if not loop.is_running():
            return False
        self.task = loop.create_task(self._run())
        return True

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task = None

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.seconds)
            try:
                if self.tick() is False:
                    return
            except Exception:  # keep looking: the next look may find the store again
                log.exception("a room view's update failed")
