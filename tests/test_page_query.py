"""A preheated dashboard kernel hears its page's query from Voila's request websocket, without
blocking and without loading Voila itself; elsewhere the query is read at once
(``ickit.upstream.when_page_opens``)."""

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ickit import upstream

ROOT = Path(__file__).resolve().parents[1]


def test_outside_a_preheated_kernel_the_query_is_read_at_once(monkeypatch):
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "room=K7M4QX&key=a%2Bb")
    heard = []
    upstream.when_page_opens(heard.append)
    assert heard == [{"room": "K7M4QX", "key": "a+b"}]


def test_a_preheated_kernel_hears_the_query_when_a_visitor_arrives(monkeypatch, run_async):
    from tornado.web import Application
    from tornado.websocket import WebSocketHandler

    class Voila(WebSocketHandler):  # what voila's RequestInfoSocketHandler sends
        def open(self, kernel_id):
            self.write_message(json.dumps({"QUERY_STRING": f"room=ROOM42&for={kernel_id}"}))

    async def scenario():
        server = Application([(r"/base/voila/query/(.*)", Voila)]).listen(0, "127.0.0.1")
        port = next(iter(server._sockets.values())).getsockname()[1]
        for name, value in {"VOILA_PREHEAT": "True", "VOILA_APP_PORT": str(port),
                            "VOILA_SERVER_URL": "/base/", "VOILA_KERNEL_ID": "k-1"}.items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("QUERY_STRING", raising=False)
        heard = asyncio.get_running_loop().create_future()
        upstream.when_page_opens(heard.set_result)
        assert not heard.done()  # the cell goes on: the dashboard is drawn before anyone comes
        query = await asyncio.wait_for(heard, 10)
        server.stop()
        return query

    assert run_async(scenario()) == {"room": "ROOM42", "for": "k-1"}


def test_a_voila_that_cannot_be_reached_gives_an_empty_query(monkeypatch, run_async):
    async def scenario():
        monkeypatch.setenv("VOILA_PREHEAT", "True")
        monkeypatch.setenv("VOILA_APP_PORT", "1")
        monkeypatch.delenv("QUERY_STRING", raising=False)
        heard = asyncio.get_running_loop().create_future()
        upstream.when_page_opens(heard.set_result)
        return await asyncio.wait_for(heard, 10)

    assert run_async(scenario()) == {}


def test_listening_loads_neither_voila_nor_the_server():
    code = ("import sys; from ickit import upstream; "
            "print([m for m in ('voila', 'jupyter_server', 'nbconvert') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT / "widgets")})
    assert out.stdout.strip() == "[]"
