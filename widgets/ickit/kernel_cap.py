"""A cap on the kernels the seminar server holds, and the kernels of pages nobody got.

Every kernel takes memory: those waiting in the pools, those of pages in use, and those Voila
starts on demand, when a dashboard's pool is empty or for a page its pools do not hold (the live
slides). :class:`CappedKernelManager` holds at most ``kernel_limit`` of them in all, and starts
none that the memory available as it is asked for does not hold (:mod:`ickit.kernel_memory`;
``MIN_KERNELS`` are always allowed). A page's
kernel beyond it is refused (:class:`RoomFull`; the render handler of :mod:`ickit.guarded_routes`
answers with the kit's "the room is full" page), and a pool is refilled, as its kernels are taken,
only as far as both allow, and topped up as kernels are shut down: without that, a room of 200
that took its 200 kernels from the pools had 200 more started to replace them. A request that records the kernels it starts
(:func:`kernels_started_here`) can shut them down at once when its page never reached anyone.

What it relies on in Voila and jupyter_server (the kernel manager Voila builds its pools on, how
it tells a page's kernel from a pool's, how it refills a pool, jupyter_server's ``start_kernel``)
is listed, with the versions checked, in :mod:`ickit.upstream`.
"""

from __future__ import annotations

import contextlib
import resource
from contextvars import ContextVar
from typing import Callable, Iterator

import zmq.asyncio
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Integer, default

from .kernel_memory import kernels_memory_holds
from .upstream import (pool_length, pool_notebooks, pool_setting, pool_starts_pending,
                       started_for_a_page)

MIN_KERNELS = 2  # the server may always hold this many, whatever the memory says

_started_here: ContextVar[list[str] | None] = ContextVar("ickit_kernels_started_here", default=None)


class RoomFull(Exception):
    """The server holds as many kernels as it may."""


class CappedKernelManager(AsyncMappingKernelManager):
    """jupyter_server's kernel manager, holding at most ``kernel_limit`` kernels at once, the
    pools' included."""

    kernel_limit = Integer(0, config=True,
                           help="Most kernels held at once, the pools' included (0: no limit).")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._starting = 0
        self._closing = False
        if callable(getattr(self, "fill_if_needed", None)):  # Voila's pools (the subclass)
            self.fill_if_needed = within_limit(self, self.fill_if_needed)

    @default("context")
    def _context_default(self) -> zmq.asyncio.Context:
        """The ZeroMQ context the server's kernel connections share (the pages' websockets' among
        them; Voila's renderings make their own), with room for as many sockets as the process
        may open files: ZeroMQ's default, 1023, ran out as a room of 200 joined."""
        self._created_context = True
        context = zmq.asyncio.Context()
        context.set(zmq.MAX_SOCKETS, min(context.get(zmq.SOCKET_LIMIT), open_files_limit()))
        return context

    def kernels_held(self) -> int:
        """Kernels running, starting for a page, or due to start for a pool (one that is starting
        may be counted twice, which errs on the safe side)."""
        return len(self.list_kernel_ids()) + self._starting + pool_starts_pending(self)

    def room_for(self) -> int | None:
        """How many more kernels may start (``None``: no limit): within the limit, and within
        what the memory available now holds besides the kernels due to start (other programs,
        or a second server on this machine, take memory too); the server may always hold
        ``MIN_KERNELS``."""
        if not self.kernel_limit:
            return None
        held = self.kernels_held()
        memory = kernels_memory_holds() - pool_starts_pending(self) - self._starting
        return max(0, min(self.kernel_limit - held, max(memory, MIN_KERNELS - held)))

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs) -> None:
        await super().shutdown_kernel(kernel_id, *args, **kwargs)
        if not self._closing:
            self.top_up_pools()

    async def shutdown_all(self, *args, **kwargs) -> None:
        self._closing = True
        await super().shutdown_all(*args, **kwargs)

    def top_up_pools(self) -> None:
        """Refill the pools the limit left short, now that a kernel has gone (Voila refills a pool
        only as a kernel is taken from it, and never takes from an empty one)."""
        for notebook in pool_notebooks(self):
            setting = pool_setting(self, notebook)
            if setting is not None and pool_length(self, notebook) < setting["pool_size"]:
                self.fill_if_needed(notebook_name=notebook)

    async def start_kernel(self, **kwargs) -> str:
        if not started_for_a_page(kwargs.get("env")):
            return await super().start_kernel(**kwargs)
        if self.room_for() == 0:
            self.log.warning("ickit: the room is full: the server holds %d kernel(s) (at most %d, "
                             "and as many as the memory free holds)", self.kernels_held(),
                             self.kernel_limit)
            raise RoomFull()
        self._starting += 1
        try:
            kernel_id = await super().start_kernel(**kwargs)
        finally:
            self._starting -= 1
        started = _started_here.get()
        if started is not None:
            started.append(kernel_id)
        return kernel_id


def open_files_limit() -> int:
    """The soft limit on the files this process may open, raised as far as the hard limit allows
    (a kernel's connections take about ten, and 1024 is a common soft limit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = min(hard, 65536) if hard != resource.RLIM_INFINITY else 65536
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    return soft if soft != resource.RLIM_INFINITY else 65536


def within_limit(manager: CappedKernelManager, fill: Callable[..., None]) -> Callable[..., None]:
    """Voila's ``fill_if_needed`` for ``manager``, starting no more kernels for a pool than the
    manager's limit leaves room for (a pool left short stays so; its later visitors get kernels
    started on demand, within the same limit)."""

    def fill_if_needed(*args, notebook_name: str | None = None, **kwargs) -> None:
        setting, room = pool_setting(manager, notebook_name), manager.room_for()
        if setting is None or room is None:
            return fill(*args, notebook_name=notebook_name, **kwargs)
        size = setting["pool_size"]
        setting["pool_size"] = min(size, pool_length(manager, notebook_name) + room)
        try:
            fill(*args, notebook_name=notebook_name, **kwargs)
        finally:
            setting["pool_size"] = size

    return fill_if_needed


@contextlib.contextmanager
def kernels_started_here() -> Iterator[list[str]]:
    """The ids of the kernels started on demand in this context (a request's task), as they start."""
    started: list[str] = []
    token = _started_here.set(started)
    try:
        yield started
    finally:
        _started_here.reset(token)
