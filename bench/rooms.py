"""Workshop rooms under load: participants answer every readiness item while the trainer watches.

    python bench/rooms.py [--participants 60 200] [--seconds 60] [--backend sqlite postgresql shared]

For each backend and room size, `ickit serve --expect N --dashboard room` is started as a trainer
starts it for a room (for `shared`, two servers on one PostgreSQL database, participants split
between them), a readiness room is opened in the store as `ickit room
new` opens it, and N participants join: each fetches the join page, opens its kernel connection and
gives its browser key, as the page's widgets do. Then each answers all 38 items, spread over the
given seconds, by sending the drop-down's change to its kernel exactly as the browser does; the
answer counts as acknowledged when the kernel shows it saved (after the store has committed it).
The facilitator's page is followed the same way: an answer is shown once the page's table of
items counts it. Prints, per run: acknowledged p50/p95, shown to the facilitator p50/p95 (from
the answer's sending), answers lost (acknowledged, but the store afterwards holds another value or
none for that participant and item), answers never acknowledged, and the servers' memory with
their kernels, as the sum of their resident sizes (RSS, which counts a page shared by several
processes once for each) and of their proportional sizes (PSS, which shares it among them: what
they take of the machine's memory).

Targets: acknowledged p95 < 200 ms; shown p95 < 2 s; 0 lost; 200 participants within 24 GB.
Needs Debian's postgresql for the PostgreSQL runs (the tests' own throwaway server is used).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "widgets"), str(ROOT / "bench"), str(ROOT / "tests")]

from ickit.content import load_content  # noqa: E402
from ickit.logic.room_activities import activity_items  # noqa: E402
from ickit.logic.room_store import open_store, participant_id  # noqa: E402
from pg_server import free_port  # noqa: E402
from run import kernel_id_of, pct, stop, tree_pids, tree_rss_mb  # noqa: E402

TARGETS = "targets: acknowledged p95 < 200 ms; shown p95 < 2 s; 0 lost; 200 participants within 24 GB"
ITEMS_COUNTED = re.compile(r"</td><td>(\d+)</td><td>(?:<div class='ickit-bar-row'>|</td>)")
ITEMS = activity_items(load_content(), "readiness").items
JOIN_AT_ONCE = 10


class Kernel:
    """A page's kernel connection speaking the widget protocol as the page's widget manager does."""

    def __init__(self, ws, kernel_id: str):
        self.ws, self.kernel_id = ws, kernel_id
        self.session = uuid.uuid4().hex
        self.models: dict[str, dict] = {}  # model id -> its state, as the page would hold it
        self.changed = asyncio.Event()
        self.updates: list[tuple[float, str, dict]] = []  # (when, model id, state) as they come
        self.have_states = False
        self.reader = asyncio.ensure_future(self._read())

    @classmethod
    async def open(cls, base: str, path: str) -> "Kernel":
        from tornado.httpclient import AsyncHTTPClient, HTTPRequest
        from tornado.websocket import websocket_connect

        page = await AsyncHTTPClient().fetch(f"{base}{path}", request_timeout=600)
        kernel_id = kernel_id_of(page.body.decode("utf-8", "replace"))
        ws = await websocket_connect(HTTPRequest(
            f"{base.replace('http', 'ws', 1)}api/kernels/{kernel_id}/channels", request_timeout=600),
            max_message_size=1 << 30)
        kernel = cls(ws, kernel_id)
        await kernel.request_states()
        return kernel

    def send(self, msg_type: str, content: dict, metadata: dict | None = None) -> None:
        self.ws.write_message(json.dumps({
            "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "",
                       "session": self.session, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": metadata or {}, "content": content,
            "channel": "shell", "buffers": []}))

    async def request_states(self) -> None:
        comm = uuid.uuid4().hex
        self.send("comm_open", {"comm_id": comm, "target_name": "jupyter.widget.control", "data": {}},
                  {"version": "1.0.0"})
        self.send("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}})
        await self.wait(lambda: self.have_states, 600)

    def set(self, model: str, state: dict) -> None:
        """Change a widget as its view in the page would."""
        self.models[model].update(state)
        self.send("comm_msg", {"comm_id": model, "data": {"method": "update", "state": state,
                                                           "buffer_paths": []}})

    async def _read(self) -> None:
        while True:
            raw = await self.ws.read_message()
            if raw is None:
                return
            if not isinstance(raw, str):
                continue
            msg = json.loads(raw)
            kind, content = msg["header"]["msg_type"], msg["content"]
            data = content.get("data", {})
            if kind == "comm_open" and "state" in data:
                self.models[content["comm_id"]] = dict(data["state"])
            elif kind == "comm_msg" and data.get("method") == "update_states":
                for model, entry in data["states"].items():
                    self.models[model] = {**entry["state"], "_model_name": entry["model_name"]}
                self.have_states = True
            elif kind == "comm_msg" and data.get("method") in ("update", "echo_update"):
                self.models.setdefault(content["comm_id"], {}).update(data.get("state", {}))
                self.updates.append((time.perf_counter(), content["comm_id"], data.get("state", {})))
            else:
                continue
            self.changed.set()

    async def wait(self, ready, timeout: float):
        """Wait until ``ready()`` gives something true; return it."""
        deadline = time.perf_counter() + timeout
        while not (found := ready()):
            self.changed.clear()
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError("the page did not get there in time")
            try:
                await asyncio.wait_for(self.changed.wait(), left)
            except asyncio.TimeoutError:
                pass
        return found

    def find(self, test) -> list[str]:
        return [model for model, state in self.models.items() if test(state)]

    def close(self) -> None:
        self.reader.cancel()
        self.ws.close()


def html_value(state: dict, text: str) -> bool:
    return isinstance(state.get("value"), str) and text in state["value"]


@dataclass
class Participant:
    kernel: Kernel
    pid: str
    rows: list[tuple[str, str, int]]  # (drop-down, its status, how many options), items in order
    sent: list[float] = field(default_factory=list)
    acked: list[float | None] = field(default_factory=list)
    saved: dict[str, str] = field(default_factory=dict)  # item: value, for each acknowledged answer


async def join(base: str, code: str) -> Participant:
    kernel = await Kernel.open(base, f"voila/render/room.ipynb?room={code}")
    (device,) = kernel.find(lambda s: s.get("_model_name") == "DeviceKeyModel")
    key = secrets.token_urlsafe(18)
    kernel.set(device, {"key": key})
    await kernel.wait(lambda: kernel.find(lambda s: html_value(s, "You have joined")), 600)
    rows = []
    for state in kernel.models.values():
        children = [c.removeprefix("IPY_MODEL_") for c in state.get("children", [])]
        if len(children) == 3 and html_value(kernel.models.get(children[0], {}), "ickit-item"):
            options = kernel.models[children[1]].get("_options_labels", [])
            rows.append((children[1], children[2], len(options)))
    assert len(rows) == len(ITEMS), "the join page's rows are not the readiness items"
    return Participant(kernel, participant_id(code, key), rows)


async def answer_all(person: Participant, seconds: float, ack_timeout: float = 30) -> None:
    """Answer every item, spread over ``seconds``; time each until the page shows it saved."""
    gap = seconds / len(person.rows)
    await asyncio.sleep(random.uniform(0, gap))
    began = time.perf_counter()
    for n, (dropdown, status, options) in enumerate(person.rows):
        await asyncio.sleep(max(0.0, began + n * gap - time.perf_counter()))
        person.kernel.models[status]["value"] = ""
        sent = time.perf_counter()
        index = random.randint(1, options - 1)  # option 0 is 'no answer'
        person.kernel.set(dropdown, {"index": index})
        person.sent.append(sent)
        try:
            await person.kernel.wait(lambda: html_value(person.kernel.models[status], "saved"), ack_timeout)
            person.acked.append(time.perf_counter())
            person.saved[ITEMS[n].id] = ITEMS[n].options[index - 1].value
        except TimeoutError:
            person.acked.append(None)


def pss_mb(pid: int) -> float:
    """Proportional memory of ``pid``: its own pages, and its share of the pages it shares with
    other processes (the kernels share most of their libraries' pages)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def start(port: int, expect: int, rooms: str, log: Path) -> subprocess.Popen:
    argv = [sys.executable, "-m", "ickit", "serve", "--port", str(port), "--no-browser",
            "--expect", str(expect), "--dashboard", "room",
            "--rooms", rooms, "--refill-delay", "1"]
    with log.open("wb") as out:
        process = subprocess.Popen(argv, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONPATH": str(ROOT / "widgets"),
                                        "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 900
    while "ickit: ready:" not in log.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            sys.exit(f"the server did not get ready:\n{log.read_text()[-2000:]}")
        time.sleep(1)
    return process


async def run_room(bases: list[str], rooms: str, participants: int, seconds: float) -> dict:
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=JOIN_AT_ONCE * 2)
    store = open_store(rooms)
    new = store.create_room("readiness", "Benchmark room")
    trainer = await Kernel.open(bases[0], f"voila/render/room_facilitator.ipynb?room={new.code}&key={new.key}")
    people: list[Participant] = []
    for first in range(0, participants, JOIN_AT_ONCE):
        batch = range(first, min(first + JOIN_AT_ONCE, participants))
        people += await asyncio.gather(*(join(bases[n % len(bases)], new.code) for n in batch))
    (table,) = trainer.find(lambda s: html_value(s, "ickit-room-items"))
    trainer.updates.clear()
    await asyncio.gather(*(answer_all(p, seconds) for p in people))
    expected = sum(len(p.rows) for p in people)
    try:
        await trainer.wait(lambda: sum(map(int, ITEMS_COUNTED.findall(trainer.models[table]["value"])))
                           >= expected, 30)
    except TimeoutError:
        pass
    shown = [(when, sum(map(int, ITEMS_COUNTED.findall(state["value"]))))
             for when, model, state in trainer.updates if model == table and "value" in state]
    acks = sorted((a, s) for p in people for s, a in zip(p.sent, p.acked) if a is not None)
    shown_after = []
    for rank, (acked, sent) in enumerate(acks, start=1):
        when = next((t for t, total in shown if total >= rank and t >= acked), None)
        if when is not None:
            shown_after.append(when - sent)
    kept = store.answers(new.code, 1)
    lost = sum(kept.get(p.pid, {}).get(item) != value for p in people for item, value in p.saved.items())
    store.close()
    for kernel in [trainer, *(p.kernel for p in people)]:
        kernel.close()
    return {"acked": [a - s for a, s in acks], "shown": shown_after, "expected": expected,
            "unacked": sum(a is None for p in people for a in p.acked),
            "lost": lost}


def measure(backend: str, participants: int, seconds: float, work: Path) -> str:
    servers, pg = [], None
    try:
        if backend == "sqlite":
            rooms = str(work / f"rooms-{participants}.sqlite")
        else:
            import pg_server

            pg = pg_server.start()
            rooms = pg.url
        count = 2 if backend == "shared" else 1
        ports = [free_port() for _ in range(count)]
        for port in ports:
            expect = participants // count + 1
            servers.append(start(port, expect, rooms, work / f"serve-{backend}-{participants}-{port}.log"))
        result = asyncio.run(run_room([f"http://127.0.0.1:{p}/" for p in ports], rooms,
                                      participants, seconds))
        memory = sum(tree_rss_mb(s.pid) for s in servers)
        shares = sum(pss_mb(p) for s in servers for p in tree_pids(s.pid))
    finally:
        for server in servers:
            stop(server)
        if pg is not None:
            pg_server.remove(pg)
    acked, shown = result["acked"], result["shown"]
    ms = lambda values, q: f"{1000 * pct(values, q):.0f}" if values else "n/a"  # noqa: E731
    s = lambda values, q: f"{pct(values, q):.2f}" if values else "n/a"  # noqa: E731
    return (f"| {backend} | {participants} | {len(acked)} of {result['expected']} | "
            f"{ms(acked, .5)}/{ms(acked, .95)} ms | {s(shown, .5)}/{s(shown, .95)} s | "
            f"{result['lost']} | {result['unacked']} | {memory / 1024:.1f} GB | "
            f"{shares / 1024:.1f} GB |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, nargs="+", default=[60, 200])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--backend", nargs="+", default=["sqlite", "postgresql", "shared"],
                        choices=["sqlite", "postgresql", "shared"])
    args = parser.parse_args(argv)
    print(TARGETS)
    print("| backend | participants | acknowledged | acknowledged p50/p95 | shown to the facilitator "
          "p50/p95 | lost | never acknowledged | servers' memory (RSS) | servers' memory (PSS) |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="ickit-bench-rooms-") as work:
        for participants in args.participants:
            for backend in args.backend:
                print(measure(backend, participants, args.seconds, Path(work)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
