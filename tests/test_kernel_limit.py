"""The seminar server's kernel limit, on Voila's own pool manager built over the kit's: a page's
kernel is refused past it, and a pool is refilled only within it. (The browser tests' test_kernel_cap
tries the same on a running server.)"""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from traitlets import Unicode
from traitlets.config import Configurable
from voila.voila_kernel_manager import voila_kernel_manager_factory

from ickit import kernel_cap, upstream
from ickit.kernel_cap import CappedKernelManager, RoomFull


@pytest.fixture(autouse=True)
def memory(monkeypatch):
    """The memory available holds ``memory.kernels`` more kernels (plenty, unless a test says)."""
    class Memory:
        kernels = 1000

    monkeypatch.setattr(kernel_cap, "kernels_memory_holds", lambda: Memory.kernels)
    return Memory


def run(coroutine):
    """Run a coroutine on an event loop of its own, in a thread of its own (the browser tests'
    Playwright keeps a loop running in the main thread)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def pool_manager(root, limit: int, pools: dict[str, int], running: list[str]):
    """Voila's kernel manager with pools over the kit's, whose kernels are the ids in ``running``
    and whose pools' kernels start (as ``k<n>``) without a process."""

    class App(Configurable):
        root_dir = Unicode(str(root))
        notebook_path = None
        base_url, server_url, port = "/", "/", 8866

    manager = voila_kernel_manager_factory(CappedKernelManager, True, 0)(parent=App())
    manager.kernel_limit = limit
    manager.kernel_pools_config = {nb: {"pool_size": size} for nb, size in pools.items()}
    manager.list_kernel_ids = lambda: list(running)

    async def initialize(notebook_name, kernel_id, **kwargs):
        running.append(f"k{len(running)}")
        return {"kernel_id": running[-1], "task": None, "renderer": None}

    manager._initialize = initialize
    return manager


def fill(manager, *notebooks: str) -> list[int]:
    """Fill each notebook's pool as Voila does when a kernel is taken from it, on an event loop,
    and give how long each pool then is."""
    async def filled():
        for notebook in notebooks:
            manager.fill_if_needed(delay=0, notebook_name=notebook)
        await asyncio.gather(*(item for pool in manager._pools.values() for item in pool
                               if not item.done()))
        return [upstream.pool_length(manager, nb) for nb in notebooks]

    return run(filled())


def test_pools_fill_only_as_far_as_the_limit_leaves_room(tmp_path):
    running = ["page1", "page2", "page3"]
    manager = pool_manager(tmp_path, 5, {"a.ipynb": 3, "b.ipynb": 3}, running)
    assert fill(manager, "a.ipynb", "b.ipynb") == [2, 0]
    assert len(running) == 5
    # the pools' sizes are as configured again: a pool fills up to them once there is room
    assert manager.kernel_pools_config["a.ipynb"]["pool_size"] == 3
    running.remove("page1")
    assert fill(manager, "b.ipynb") == [1]


def test_a_room_taking_its_pools_kernels_does_not_double_the_kernels(tmp_path):
    """200 joined; without the limit, their pool started 200 more to replace them."""
    running: list[str] = []
    manager = pool_manager(tmp_path, 213, {"room.ipynb": 200}, running)
    fill(manager, "room.ipynb")
    for _ in range(200):  # each participant takes a kernel from the pool, which is refilled
        manager._pools["room.ipynb"].pop(0)
        fill(manager, "room.ipynb")
    assert len(running) == 213


def test_a_pool_is_refilled_only_while_the_memory_available_holds_more(tmp_path, memory):
    """Another program, or a second server on the machine, took the memory the limit counted on."""
    memory.kernels = 2
    manager = pool_manager(tmp_path, 100, {"a.ipynb": 5}, ["page1"])
    assert fill(manager, "a.ipynb") == [2]
    memory.kernels = 0
    with pytest.raises(RoomFull):
        run(manager.start_kernel(env={"VOILA_PREHEAT": "False"}))


def test_a_pool_left_short_is_topped_up_as_kernels_go_but_not_as_the_server_stops(
        tmp_path, monkeypatch):
    """Voila refills a pool only as a kernel is taken from it, and takes none from an empty one."""
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    running = ["page1", "page2", "page3"]
    manager = pool_manager(tmp_path, 3, {"a.ipynb": 2}, running)
    assert fill(manager, "a.ipynb") == [0]

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        running.remove(kernel_id)

    async def shutdown_all(self, *args, **kwargs):
        for kernel_id in list(running):
            await self.shutdown_kernel(kernel_id)

    monkeypatch.setattr(AsyncMappingKernelManager, "shutdown_kernel", shutdown_kernel)
    monkeypatch.setattr(AsyncMappingKernelManager, "shutdown_all", shutdown_all)

    async def leave(*kernel_ids):
        for kernel_id in kernel_ids:
            await manager.shutdown_kernel(kernel_id)
        pending = [item for item in manager._pools["a.ipynb"] if not item.done()]
        await asyncio.gather(*pending)

    manager.fill_delay = 0
    run(leave("page1"))  # a page was left: its place goes to the pool
    assert upstream.pool_length(manager, "a.ipynb") == 1 and len(running) == 3
    run(manager.shutdown_all())
    assert manager._pools == {} and running == []


def test_the_server_may_always_hold_two_kernels(tmp_path, memory):
    memory.kernels = 0
    manager = pool_manager(tmp_path, 100, {"a.ipynb": 5}, [])
    assert fill(manager, "a.ipynb") == [2]


def test_without_a_limit_pools_fill_to_their_size(tmp_path):
    manager = pool_manager(tmp_path, 0, {"a.ipynb": 3}, ["page1", "page2", "page3"])
    assert fill(manager, "a.ipynb") == [3]
    assert manager.room_for() is None


def test_a_pages_kernel_past_the_limit_is_refused_and_a_pools_counts(tmp_path):
    running = ["page1"]
    manager = pool_manager(tmp_path, 2, {"a.ipynb": 1}, running)
    fill(manager, "a.ipynb")
    assert manager.kernels_held() == 2 and manager.room_for() == 0
    with pytest.raises(RoomFull):
        run(manager.start_kernel(env={"VOILA_PREHEAT": "False"}))


def test_a_pool_kernel_still_starting_counts_as_held(tmp_path):
    manager = pool_manager(tmp_path, 3, {"a.ipynb": 2}, [])

    async def starting():
        manager._initialize = lambda *args, **kwargs: asyncio.Event().wait()  # never started
        manager.fill_if_needed(delay=0, notebook_name="a.ipynb")
        await asyncio.sleep(0.05)
        held = manager.kernels_held()
        for item in manager._pools["a.ipynb"]:
            item.cancel()
        await asyncio.gather(*manager._pools["a.ipynb"], return_exceptions=True)
        return held

    assert run(starting()) == 2


def test_kernel_connections_have_room_for_two_hundred_participants(tmp_path):
    """ZeroMQ's default of 1023 sockets in a context ran out at about a hundred participants'
    pages ('Too many open files'); each kernel's connections take several."""
    import resource

    import zmq

    manager = pool_manager(tmp_path, 213, {}, [])
    assert manager.context.get(zmq.MAX_SOCKETS) >= 4096
    assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] >= manager.context.get(zmq.MAX_SOCKETS)
