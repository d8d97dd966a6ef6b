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
    """Call ``tick()`` every ``seconds`` until ``tick`` returns ``False`` or :meth:`stop` is called.
    A look that fails is told to ``trouble`` (``True``, once; the error is logged once, as its
    details are for the server's log, not the page), and its end (``False``) once a look succeeds."""

    def __init__(self, seconds: float, tick: Callable[[], bool],
                 trouble: Callable[[bool], None] = lambda failing: None):
        self.seconds, self.tick, self.trouble = seconds, tick, trouble
        self.task: asyncio.Task | None = None
        self.failing = False

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
            if self.look() is False:
                return

    def look(self) -> bool:
        """One look, its failure reported (the next look may find the store again)."""
        try:
            going = self.tick()
        except Exception as err:
            if not self.failing:
                self.failing = True
                log.warning("a room view cannot follow its room: %s", err, exc_info=True)
                self.trouble(True)
            return True
        if self.failing:
            self.failing = False
            self.trouble(False)
        return going is not False
