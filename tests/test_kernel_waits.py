"""Voila's waits for kernel messages go in short steps, so a lost wake-up cannot stall a page."""

import asyncio
import os
from queue import Empty

import pytest
from jupyter_client.channels import AsyncZMQSocketChannel

from ickit import kernel_waits, serve
from ickit.kernel_waits import in_steps
from ickit.upstream import bound_kernel_waits


class LostWakeUp:
    """A channel whose message has arrived but whose wake-up was lost: a wait with no timeout
    never ends, and a wait with one finds the message when its timeout ends."""

    def __init__(self):
        self.timeouts = []

    async def get_msg(self, timeout=None):
        self.timeouts.append(timeout)
        if timeout is None:
            await asyncio.Event().wait()
        await asyncio.sleep(timeout)
        return {"msg_type": "execute_reply"}


class Silent:
    """A channel no message ever reaches."""

    def __init__(self):
        self.timeouts = []

    async def get_msg(self, timeout=None):
        self.timeouts.append(timeout)
        await asyncio.sleep(timeout)
        raise Empty


@pytest.fixture(autouse=True)
def short_steps(monkeypatch):
    monkeypatch.setattr(kernel_waits, "STEP_SECONDS", 0.02)


def test_a_lost_wake_up_stalls_an_unbounded_wait_but_not_a_stepped_one(run_async):
    channel = LostWakeUp()

    async def run():
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(channel.get_msg(None), 0.5)
        return await asyncio.wait_for(in_steps(LostWakeUp.get_msg)(channel, None), 5)

    assert run_async(run()) == {"msg_type": "execute_reply"}
    assert channel.timeouts[1:] == [0.02]


def test_a_wait_with_a_timeout_still_ends_empty_and_never_waits_longer_than_a_step(run_async):
    channel = Silent()
    with pytest.raises(Empty):
        run_async(in_steps(Silent.get_msg)(channel, 0.1))
    assert len(channel.timeouts) >= 4
    assert all(0 <= t <= 0.02 for t in channel.timeouts)


def test_a_zero_timeout_looks_once(run_async):
    channel = Silent()
    with pytest.raises(Empty):
        run_async(in_steps(Silent.get_msg)(channel, 0))
    assert channel.timeouts == [0]


def test_the_server_bounds_the_waits_once_before_voila_starts(monkeypatch, tmp_path):
    from voila.app import Voila

    monkeypatch.setattr(AsyncZMQSocketChannel, "get_msg", AsyncZMQSocketChannel.get_msg)
    monkeypatch.setenv("JUPYTER_PATH", os.environ.get("JUPYTER_PATH", ""))
    started = []

    class Recorder:
        def initialize(self, argv):
            pass

        def start(self):
            started.append(AsyncZMQSocketChannel.get_msg)

    monkeypatch.setattr(Voila, "instance", lambda **kwargs: Recorder())
    monkeypatch.setattr(serve, "announce_when_warm", lambda pools: None)
    serve.run_voila(serve.Config(), tmp_path)
    bound_kernel_waits()
    assert started[0].in_steps
    assert AsyncZMQSocketChannel.get_msg is started[0]


def test_less_than_a_millisecond_left_ends_the_wait_without_spinning(run_async):
    channel = Silent()
    with pytest.raises(Empty):
        run_async(in_steps(Silent.get_msg)(channel, 0.0005))
    assert len(channel.timeouts) == 1
