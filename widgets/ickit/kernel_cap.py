"""A cap on the kernels the seminar server starts on demand, and the kernels of pages nobody got.

Voila starts a kernel for a page when the dashboard's pool is empty, or for a page its pools do
not hold (the live slides): without a cap, a room larger than the pools, or anyone asking for
pages in a loop, starts kernels until the memory runs out. :class:`CappedKernelManager` refuses
a kernel on demand once ``on_demand_limit`` of them are running (:class:`RoomFull`; the render
handler of :mod:`ickit.guarded_routes` answers with the kit's "the room is full" page); kernels
for the pools do not count. A request that records the kernels it starts
(:func:`kernels_started_here`) can shut them down at once when its page never reached anyone.

What it relies on in Voila and jupyter_server (the kernel manager Voila builds its pools on, how
it tells a page's kernel from a pool's, jupyter_server's ``start_kernel``) is listed, with the
versions checked, in :mod:`ickit.upstream`.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from typing import Iterator

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Integer

from .upstream import started_for_a_page

_started_here: ContextVar[list[str] | None] = ContextVar("ickit_kernels_started_here", default=None)


class RoomFull(Exception):
    """Every kernel the server may start on demand is running."""


class CappedKernelManager(AsyncMappingKernelManager):
    """jupyter_server's kernel manager, with at most ``on_demand_limit`` kernels started on
    demand running at once."""

    on_demand_limit = Integer(0, config=True,
                              help="Most kernels started on demand running at once (0: no limit).")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._on_demand: set[str] = set()
        self._starting = 0

    def on_demand_running(self) -> int:
        """Kernels started on demand that are running or starting."""
        self._on_demand &= set(self.list_kernel_ids())
        return len(self._on_demand) + self._starting

    async def start_kernel(self, **kwargs) -> str:
        if not started_for_a_page(kwargs.get("env")):
            return await super().start_kernel(**kwargs)
        if self.on_demand_limit and self.on_demand_running() >= self.on_demand_limit:
            self.log.warning("ickit: the room is full: %d kernel(s) started on demand are running",
                             self.on_demand_limit)
            raise RoomFull()
        self._starting += 1
        try:
            kernel_id = await super().start_kernel(**kwargs)
        finally:
            self._starting -= 1
        self._on_demand.add(kernel_id)
        started = _started_here.get()
        if started is not None:
            started.append(kernel_id)
        return kernel_id


@contextlib.contextmanager
def kernels_started_here() -> Iterator[list[str]]:
    """The ids of the kernels started on demand in this context (a request's task), as they start."""
    started: list[str] = []
    token = _started_here.set(started)
    try:
        yield started
    finally:
        _started_here.reset(token)
