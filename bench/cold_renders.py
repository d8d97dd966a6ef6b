"""Pages that never finish: load a dashboard a few visitors at a time on fresh kernels.

    python bench/cold_renders.py [--dashboard team-selector] [--width 3] [--rounds 30]
                                 [--unguarded]

Each round, WIDTH visitors request the dashboard at the same moment from a server configured as
`ickit serve` configures it, but with no preheated kernels, so every page is rendered on a fresh
kernel. A page whose HTML has not ended after a minute has stalled. The server is restarted every
ten rounds to free the kernels. `--unguarded` serves without `ickit.kernel_waits`, to show what
it prevents (see README, known issues).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import pct, start_server, stop  # noqa: E402

from ickit.content import load_content  # noqa: E402
from ickit.serve import DASHBOARD_DIR  # noqa: E402

DEADLINE_S = 60
ROUNDS_PER_SERVER = 10


async def visit(url: str) -> float | None:
    """Seconds until the page's HTML ended, or None if it had not after DEADLINE_S."""
    from tornado.httpclient import AsyncHTTPClient

    begin = time.perf_counter()
    try:
        response = await AsyncHTTPClient().fetch(url, request_timeout=DEADLINE_S)
    except Exception:  # a timeout, or the server gave up on the page
        return None
    done = response.body.rstrip().endswith(b"</html>")
    return time.perf_counter() - begin if done else None


async def room(url: str, width: int) -> list[float | None]:
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=width)
    return list(await asyncio.gather(*(visit(url) for _ in range(width))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dashboard", default="team-selector", help="dashboard id")
    parser.add_argument("--width", type=int, default=3, help="visitors at once")
    parser.add_argument("--rounds", type=int, default=30, help="rounds of visitors")
    parser.add_argument("--unguarded", action="store_true",
                        help="serve without ickit.kernel_waits")
    args = parser.parse_args(argv)
    notebook = {d.id: d.notebook for d in load_content().dashboards}.get(args.dashboard)
    if notebook is None:
        parser.error(f"no dashboard called {args.dashboard}")
    logs = Path(tempfile.mkdtemp(prefix="ickit-cold-"))
    unguard = "import ickit.serve; ickit.serve.bound_kernel_waits = lambda: None; "
    times: list[float | None] = []
    for first in range(0, args.rounds, ROUNDS_PER_SERVER):
        # no kernel pools: every page is rendered on a fresh kernel
        process, port = start_server(DASHBOARD_DIR, 1, 0, logs / f"voila-{first}.log",
                                     prelude=unguard if args.unguarded else "")
        try:
            for _ in range(first, min(args.rounds, first + ROUNDS_PER_SERVER)):
                times += asyncio.run(room(f"http://127.0.0.1:{port}/voila/render/{notebook}",
                                          args.width))
        finally:
            stop(process)
    ended = [t for t in times if t is not None]
    stalled = len(times) - len(ended)
    spread = f"p50 {pct(ended, .5):.1f} s, p95 {pct(ended, .95):.1f} s" if ended else "none ended"
    print(f"{args.dashboard}, {'unguarded' if args.unguarded else 'guarded'}: {len(times)} pages "
          f"on fresh kernels, {args.width} at a time; {stalled} stalled (no end after "
          f"{DEADLINE_S} s); {spread}. Server logs: {logs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
