"""``ickit serve``: Voila over ``notebooks/dashboards/`` with the kit's own template and landing page.

:func:`voila_config` builds the whole configuration as plain data, so tests can check it without
starting a server; :func:`serve` runs Voila with it in this process.
"""

from __future__ import annotations

import functools
import os
import secrets
import socket
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from traitlets.config import Config

from .content import Content
from .kernel_memory import kernels_memory_holds
from .kit_files import kit_folder
from .logic.room_links import BASE_SETTING, Server
from .logic.room_store import StoreUnavailable, default_location, is_postgres, open_store
from .upstream import (bound_kernel_waits, cells_without_outputs, end_failed_renders, pool_render,
                       rendered_page, voila_pools)

PACKAGE = Path(__file__).resolve().parent
TEMPLATE_ROOT = PACKAGE / "share"  # holds voila/templates/ickit, found through JUPYTER_PATH
TEMPLATE = "ickit"
LABEXTENSIONS = PACKAGE / "share" / "labextensions"  # ickit-charts, built from widgets/labextension
# plotly's own renderer: ickit-charts draws the charts; Voila would load both, and this one's
# 4.8 MB of JavaScript into every page
DENIED_EXTENSIONS = ["jupyterlab-plotly"]
DASHBOARD_DIR = kit_folder("notebooks/dashboards")
IOPUB_TIMEOUT_SECONDS = 120
CULL_IDLE_SECONDS = 15 * 60
CULL_INTERVAL_SECONDS = 60


@dataclass(frozen=True)
class ServeOptions:
    """What the trainer chose on the command line."""

    port: int = 8866
    expect: int = 20
    public: bool = False
    dashboards: tuple[str, ...] = ()  # ids in data/dashboards.yaml; empty means all of them
    open_browser: bool = True
    refill_delay: float = 30.0  # seconds before a kernel taken from a pool is replaced
    token: str = field(default="", repr=False)
    root: Path = DASHBOARD_DIR
    data: Path | None = None
    rooms: str = ""  # where rooms keep their answers: a SQLite file or a PostgreSQL URL
    public_url: str = ""  # the address participants reach this server by, if not this machine's


class ServeError(Exception):
    """A choice that cannot be served; the message says what to change."""


def with_token(options: ServeOptions) -> ServeOptions:
    """The options with a fresh random token when serving in public and none was given."""
    if options.public and not options.token:
        return ServeOptions(**{**options.__dict__, "token": secrets.token_urlsafe(18)})
    return options


def kernel_budget(mb_available: int | None = None) -> int:
    """How many kernels the server may hold at once, the pools' included: as many as the memory
    now available holds (:func:`ickit.kernel_memory.kernels_memory_holds`), at least 2."""
    return max(2, kernels_memory_holds(mb_available))


def pool_sizes(expect: int, notebooks: list[str], budget: int) -> dict[str, dict]:
    """Kernel pools: ``expect`` joiners spread over the dashboards in use, and at least one
    kernel for each of them, never more in all than ``budget``.

    Every dashboard in use gets a pool, so its first visitors do not wait for a kernel to start;
    dashboards not in use get none.
    """
    if expect < 1:
        raise ServeError("--expect must be at least 1 (the number of people joining at once)")
    pools: dict[str, dict] = {"default": {"pool_size": 0}}
    if notebooks:
        each, extra = divmod(min(max(expect, len(notebooks)), budget), len(notebooks))
        pools.update({nb: {"pool_size": each + (i < extra)} for i, nb in enumerate(notebooks)})
    return pools


def preheated(pools: dict[str, dict]) -> int:
    """How many kernels the pools start in advance."""
    return sum(p["pool_size"] for p in pools.values())


def in_use(content: Content, chosen: tuple[str, ...]) -> list[str]:
    """The notebooks of the chosen dashboard ids (all when none was chosen)."""
    known = {d.id: d for d in content.dashboards}
    unknown = [name for name in chosen if name not in known]
    if unknown:
        names = ", ".join(known) or "none yet"
        raise ServeError(f"no dashboard called {', '.join(unknown)} (known: {names})")
    return [known[name].notebook for name in (chosen or tuple(known))]


def landing_page_config(page_config: dict, *, content: Content, notebook_path: str = "",
                        **_kwargs) -> dict:
    """Voila's ``page_config_hook``: give the landing page the registered dashboards."""
    if not str(notebook_path).endswith(".ipynb"):
        page_config["ickitDashboards"] = [d.model_dump(include={"title", "purpose", "notebook",
                                                                 "icon"})
                                          for d in content.dashboards]
    return page_config


def voila_config(options: ServeOptions, content: Content, budget: int) -> Config:
    """The full Voila configuration for ``options``; ``budget`` caps the preheated kernels."""
    notebooks = in_use(content, options.dashboards)
    if options.public and not options.token:
        raise ServeError("serving in public needs a token")
    if options.refill_delay < 0:
        raise ServeError("--refill-delay must be zero or more seconds")
    c = Config()
    c.Voila.ip = "0.0.0.0" if options.public else "127.0.0.1"
    c.Voila.port = options.port
    c.Voila.port_retries = 0
    c.Voila.open_browser = options.open_browser
    c.Voila.token = options.token
    c.Voila.root_dir = str(options.root)
    c.VoilaConfiguration.template = TEMPLATE
    c.VoilaConfiguration.allow_theme_override = "NO"  # and ickit.guarded_routes ignores ?theme=
    c.VoilaConfiguration.classic_tree = True
    c.VoilaConfiguration.strip_sources = True
    c.VoilaConfiguration.show_tracebacks = False
    c.VoilaConfiguration.preheat_kernel = True
    # how long a cell's outputs may trail its reply: past this, nbclient drops them and the page
    # is served without them (when dozens of kernels start together, the server reads their
    # messages seconds late)
    c.VoilaExecutor.iopub_timeout = IOPUB_TIMEOUT_SECONDS
    c.VoilaConfiguration.progressive_rendering = False
    c.VoilaConfiguration.extra_labextensions_path = [str(LABEXTENSIONS)]
    c.VoilaConfiguration.extension_denylist = DENIED_EXTENSIONS
    c.VoilaConfiguration.page_config_hook = functools.partial(landing_page_config,
                                                              content=content)
    c.VoilaKernelManager.kernel_pools_config = pool_sizes(options.expect, notebooks, budget)
    # every kernel held, in a pool, in use or started on demand (a pool is empty, or live
    # slides), within the budget: pools are refilled, and a page's kernel started, only within it
    c.VoilaConfiguration.multi_kernel_manager_class = "ickit.kernel_cap.CappedKernelManager"
    c.CappedKernelManager.kernel_limit = budget
    # refill a pool once the room has settled, not while it joins: on 2 cores, refilling as each
    # kernel is taken starts dozens of kernels just when the joiners need the CPU
    c.VoilaKernelManager.fill_delay = options.refill_delay
    # Unix sockets, not TCP ports: kernels started together cannot race for a port, and no
    # kernel traffic crosses the network; TCP only where a socket's path would be too long
    c.KernelManager.transport = kernel_transport()
    c.MappingKernelManager.cull_idle_timeout = CULL_IDLE_SECONDS
    c.MappingKernelManager.cull_interval = CULL_INTERVAL_SECONDS
    # A tab left open keeps its kernel; a closed or lost tab frees it after the idle timeout.
    c.MappingKernelManager.cull_connected = False
    # a kernel that dies stays dead, and its page says so: restarted, it would hold no dashboard
    c.KernelRestarter.restart_limit = 0
    return c


def kernel_transport(tmp: str | None = None) -> str:
    """``ipc`` when Voila's runtime folder (under the temp folder) leaves room for socket paths.

    A socket path ends ``/voila_XXXXXXXX/kernel-<36-character id>-ipc-N``, about 60 characters,
    and Linux allows 107 in all.
    """
    return "ipc" if len(tmp or tempfile.gettempdir()) <= 40 else "tcp"


def lan_address() -> str:
    """This machine's address on its network, as other devices reach it (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            return socket.gethostname()


def join_server(options: ServeOptions, host: str | None = None) -> Server:
    """Where participants reach this server: ``--public-url``, else this machine's address on its
    network when serving in public, else this machine only."""
    if options.public_url:
        base = options.public_url if options.public_url.endswith("/") else options.public_url + "/"
    else:
        base = f"http://{host or (lan_address() if options.public else '127.0.0.1')}:{options.port}/"
    return Server(base, options.token)


def rooms_location(options: ServeOptions) -> str:
    """The rooms store to use, checked to lie outside the folder Voila serves."""
    where = options.rooms or default_location()
    if not is_postgres(where):
        path = Path(where).expanduser().resolve()
        if path.is_relative_to(Path(options.root).resolve()):
            raise ServeError(f"--rooms {where} is inside the folder the server shows ({options.root}); "
                             "keep the rooms file elsewhere, e.g. the default ~/.ickit/rooms.sqlite")
        where = str(path)
    return where


def prepare_rooms(options: ServeOptions, content: Content, server: Server) -> tuple[str, int]:
    """Check the rooms store answers, delete rooms past their time, and record where participants
    join (for ``ickit room new``). Returns the store's location and how many rooms were deleted."""
    where = rooms_location(options)
    try:
        store = open_store(where)
        try:
            purged = store.purge(content.rooms.keep_days)
            store.set_setting(BASE_SETTING, f"{server.base} {server.token}".strip())
        finally:
            store.close()
    except StoreUnavailable as err:
        raise ServeError(str(err)) from None
    return where, purged


def landing_url(options: ServeOptions, host: str = "127.0.0.1") -> str:
    query = f"?token={options.token}" if options.token else ""
    return f"http://{host}:{options.port}/{query}"


def server_env(data: Path | None = None, rooms: str | None = None,
               join: Server | None = None) -> dict[str, str]:
    """The environment for Voila and its kernels: the kit's template folder first on
    ``JUPYTER_PATH``, ``ICKIT_DATA`` when the content comes from another folder, and for the
    rooms, their store (``ICKIT_ROOMS``) and the address participants join at."""
    rest = os.environ.get("JUPYTER_PATH")
    env = {"JUPYTER_PATH": os.pathsep.join(filter(None, [str(TEMPLATE_ROOT), rest]))}
    if data is not None:
        env["ICKIT_DATA"] = str(Path(data).resolve())
    if rooms:
        env["ICKIT_ROOMS"] = rooms
    if join is not None:
        env["ICKIT_JOIN_BASE"], env["ICKIT_JOIN_TOKEN"] = join.base, join.token
    return env


def serve(options: ServeOptions, content: Content, rooms: str, join: Server, budget: int) -> None:
    """Run Voila with the kit's configuration, holding at most ``budget`` kernels, until
    interrupted."""
    run_voila(voila_config(options, content, budget), options.root, options.data, rooms, join)


def run_voila(config: Config, root: Path, data: Path | None = None, rooms: str | None = None,
              join: Server | None = None) -> None:
    """Run Voila over ``root`` with ``config`` and the kit's template until interrupted."""
    from tornado.ioloop import IOLoop

    from .guarded_routes import GuardedVoila

    bound_kernel_waits()
    end_failed_renders()
    os.environ.update(server_env(data, rooms, join))
    app = GuardedVoila.instance(config=config)
    app.initialize(argv=[str(root)])
    # the kernel manager exists once the server runs
    IOLoop.current().add_callback(lambda: announce_when_warm(voila_pools(app)))
    app.start()


def warm(started: list[tuple[str, object]]) -> tuple[int, list[tuple[str, BaseException]]] | None:
    """``(drawn, failures)`` once every kernel in ``started`` has rendered its dashboard or failed
    to, each failure as ``(notebook, error)``; ``None`` while any is still starting or rendering.

    ``started`` pairs each notebook with one of Voila's pool items (``ickit.upstream``), which
    starts a kernel and renders the notebook on it. A page without the outputs of one of its
    cells is a failure.
    """
    drawn, failures = 0, []
    for notebook, item in started:
        if not item.done():
            return None
        failed = RuntimeError("cancelled") if item.cancelled() else item.exception()
        render = None if failed else pool_render(item)
        if render is not None and not render.done():
            return None
        if render is not None:
            failed = RuntimeError("cancelled") if render.cancelled() else render.exception()
            if not failed and (empty := cells_without_outputs(rendered_page(render.result()))):
                failed = RuntimeError(f"the page came without the outputs of {empty} cell(s)")
        if failed:
            failures.append((notebook, failed))
        else:
            drawn += 1
    return drawn, failures


def announce_when_warm(pools: dict[str, list], every_s: float = 1.0,
                       progress_every_s: float = 30.0) -> None:
    """Print one line once every kernel the server started in advance has rendered its dashboard
    (until then, people joining wait for the rendering too), and how far it has got every
    ``progress_every_s`` seconds before that. Kernels taken from a pool in the meantime still
    count; their replacements do not."""
    from tornado.ioloop import PeriodicCallback

    started = [(notebook, item) for notebook, pool in pools.items() for item in pool]
    began = time.monotonic()
    said = began

    def check() -> None:
        nonlocal said
        settled = warm(started)
        if settled is None:
            if time.monotonic() - said >= progress_every_s:
                said = time.monotonic()
                done = sum(1 for _, item in started if item.done()
                           and not item.cancelled() and not item.exception()
                           and pool_render(item).done())
                print(f"ickit: still drawing: {done} of {len(started)} kernel(s) ready after "
                      f"{said - began:.0f} s", flush=True)
            return
        timer.stop()
        drawn, failures = settled
        for notebook, error in failures:
            print(f"ickit: a kernel could not draw {notebook}: {error!r}", flush=True)
        trouble = f"; {len(failures)} failed" if failures else ""
        print(f"ickit: ready: {drawn} kernel(s) have drawn their dashboards{trouble}; people can "
              "join now", flush=True)

    timer = PeriodicCallback(check, every_s * 1000)
    timer.start()
