"""Every place the kit relies on another package's internals, and the versions it was checked with.

Upgrading one of these packages? Read its entries in :data:`CONTACTS`: each says what the kit
relies on and where, and the checks in ``tests/test_upstream.py`` try each against the installed
package. ``pyproject.toml`` and ``environment.yml`` cap every package here to its range in
:data:`CHECKED` (the same test keeps them in step), and ``ickit serve`` stops at start when an
installed version is outside it (:func:`require_checked`). Widen a range only once every contact
with that package has been checked against the new version.

A range runs from the oldest release checked up to the next minor release, trusting patch
releases to keep what the kit relies on; for Voila, a 0.x package whose private parts the kit
reads, up to the next patch release.

Only the standard library is imported at module level: the chart layer and the workshop rooms'
dashboards use this module, and dashboard kernels must not load the server's packages.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qsl


@dataclass(frozen=True)
class Checked:
    """A package the kit reaches into: from ``low`` (checked) up to ``below`` (not checked)."""

    package: str  # as pip names it
    low: str
    below: str
    how: str  # how the range was checked

    @property
    def spec(self) -> str:
        """The range as a requirement's version specifier, as pyproject.toml writes it."""
        return f">={self.low},<{self.below}"

    def holds(self, version: str) -> bool:
        return _release(self.low) <= _release(version) < _release(self.below)


@dataclass(frozen=True)
class Contact:
    """One thing the kit relies on that its package does not promise to keep."""

    package: str
    part: str  # the part of the package, in a few words
    relies_on: str
    used_in: str


CHECKED = {c.package: c for c in (
    Checked("jupyter_client", "8.0", "8.11",
            "AsyncZMQSocketChannel.get_msg read in every release from 8.0.0 to 8.10.0 (the same "
            "behaviour; 8.7 rounds the timeout to whole milliseconds); run with 8.10.0"),
    Checked("voila", "0.5.13", "0.5.14", "read and run in 0.5.13, the newest release"),
    Checked("jupyter_server", "2.20", "2.22",
            "read in 2.20.0 and 2.21.1 (the same kernel manager, identity provider and "
            "log_request, save that 2.21's also hides a token in a failed request's Referer, "
            "which the kit's log filter hides under both); run with 2.21.1"),
    Checked("ipykernel", "6.29", "7.5",
            "OutStream.fileno and capture_fd_output read in 6.29.5 and in every minor release "
            "from 7.0 to 7.4.0 (unchanged); run with 7.4.0"),
    Checked("nbconvert", "7.16", "7.18",
            "the lab template's cell markup read in every release from 7.16.0 to 7.17.2 "
            "(unchanged); run with 7.17.2"),
    Checked("jupyterlab_widgets", "3.0.17", "3.1",
            "RadioButtonsView of the @jupyter-widgets/controls 5.0.13 it carries read, and run "
            "in JupyterLab and in Voila 0.5.13, with 3.0.17"),
    Checked("plotly", "7.1", "7.2",
            "run with 7.1.0, which carries plotly.js 4.1.1 as the chart widget does; 7.0 not "
            "checked (its release candidate carried plotly.js 4.0.0-rc.0)"),
)}

CONTACTS = (
    Contact("jupyter_client", "AsyncZMQSocketChannel.get_msg",
            "a coroutine get_msg(self, timeout) that polls its socket for at most `timeout` "
            "seconds and raises queue.Empty when nothing came; the server's copy is replaced by "
            "one that waits in steps (bound_kernel_waits)",
            "ickit.kernel_waits, ickit.serve.run_voila"),
    Contact("voila", "VoilaKernelManager._pools",
            "private: notebook path -> pool items, each a future of a dict whose 'task' renders "
            "the notebook and gives (HTML snippets, rest) (voila_pools, pool_render, "
            "rendered_page)",
            "ickit.serve's ready line, which bench/run.py waits for"),
    Contact("voila", "the request-info websocket of a preheated kernel",
            "the environment a pool's kernel gets (VOILA_PREHEAT, VOILA_KERNEL_ID, VOILA_APP_PORT, "
            "VOILA_SERVER_URL) and the one JSON message of the request's environment, QUERY_STRING "
            "among it, at voila/query/<kernel id> (as voila.utils.wait_for_request reads it) "
            "(when_page_opens, request_info_url)",
            "the workshop rooms' pages, ickit.views.room_join and ickit.views.room_facilitator"),
    Contact("voila", "a page rendered on a kernel started on demand",
            "VoilaHandler.get_generator makes voila.handler.NotebookRenderer(request_handler=...) "
            "and runs its generate_content_generator (an async generator of (HTML, resources)) "
            "in a task of its own, which ends the page by queueing None after the last part; "
            "nothing awaits that task, so a rendering that raises leaves the page waiting "
            "(end_failed_renders)",
            "ickit.serve.run_voila; ickit.guarded_routes.RenderHandler (render_failed)"),
    Contact("voila", "the #rendered_cells element",
            "Voila's display_cells() (templates/base/voila_setup.macro.html.j2) shows it by "
            "clearing its inline style once the cells have run",
            "the ickit-reveal template (lays the slides out again then); bench/run.py's time "
            "to interactive"),
    Contact("voila", "the application's settings and routes",
            "Voila.start builds its tornado application from init_settings() (whose "
            "voila_jinja2_env is the Jinja environment over the template's folders) and then adds "
            "init_handlers(), a list of (pattern, handler class[, kwargs]); among them "
            "TornadoVoilaHandler (a dashboard page), VoilaContentsHandler (voila/api/contents) "
            "and TemplateStaticFileHandler (voila/templates/<name>/static/)",
            "ickit.guarded_routes.GuardedVoila, which replaces, guards or drops those routes and "
            "draws every error with the kit's pages"),
    Contact("voila", "a dashboard page's request",
            "VoilaHandler.get_generator reads ?template= and ?theme= with get_argument, and "
            "starts a page's kernel by awaiting the kernel manager's start_kernel in the "
            "request's own task; a kernel it cannot start raises out of TornadoVoilaHandler.get "
            "before any byte is written",
            "ickit.guarded_routes.RenderHandler (refuses other templates, drops ?theme=, answers "
            "RoomFull with the 'room is full' page, shuts down the kernels of a failed page)"),
    Contact("voila", "VoilaKernelManager.fill_if_needed",
            "called with notebook_name as a keyword whenever a kernel is taken from a pool (and "
            "for each pool at start), it appends to _pools[notebook] one asyncio task per kernel "
            "missing up to kernel_pools_config[notebook]['pool_size'], read at the call; each task "
            "waits fill_delay, then starts and renders; its shutdown_kernel and shutdown_all "
            "end by calling the base class's (pool_setting, pool_length, pool_notebooks, "
            "pool_starts_pending)",
            "ickit.kernel_cap.within_limit, which lowers that size for the call so a pool is "
            "refilled only within the server's kernel limit, and "
            "CappedKernelManager.top_up_pools, which calls it again as kernels go"),
    Contact("voila", "the kernel manager Voila builds its pools on",
            "voila_kernel_manager_factory subclasses VoilaConfiguration.multi_kernel_manager_class, "
            "so its start_kernel sees every kernel Voila starts; a page's kernel gets "
            "VOILA_PREHEAT \"False\" in its env (get_generator), a pool's \"True\" "
            "(fill_if_needed) (started_for_a_page)",
            "ickit.kernel_cap.CappedKernelManager, which refuses a page's kernel past its limit "
            "and replaces fill_if_needed on its instance"),
    Contact("voila", "a page's kernel shut down as the page is left",
            "the page's widget manager (labextensions/@voila-dashboards/widgets-manager*) adds "
            "a beforeunload listener that posts to voila/api/shutdown/<kernel id> with the _xsrf "
            "cookie as a form field; VoilaShutdownKernelHandler, an APIHandler, refuses the post "
            "without it (403), and Voila's page handler never sets that cookie",
            "ickit.guarded_routes.RenderHandler sets the cookie; the ickit template's "
            "static/ickit-page.js stops Voila's listener (a visitor asked to stay kept a dead "
            "page) and posts the same request once the page is gone (pagehide)"),
    Contact("voila", "the lab template's blocks",
            "voila/templates/lab/index.html.j2 and the nbconvert lab template it extends: the "
            "blocks notebook_css (Voila's loads Font Awesome from a CDN), html_head_js_mermaidjs "
            "(loads mermaid.js from a CDN), body_header (writes ?theme= unescaped) and "
            "html_head_js; the spinner macro and voila_setup_helper_functions",
            "the ickit template's index.html.j2, which replaces those blocks (ickit-reveal "
            "extends it)"),
    Contact("jupyter_client", "AsyncMultiKernelManager.context",
            "with shared_context (the default) its zmq.asyncio.Context, made by the trait's "
            "default, is the one each kernel's manager makes its connections in, the pages' "
            "websockets' among them (a kernel client, as Voila's renderings use, makes its own)",
            "ickit.kernel_cap.CappedKernelManager, which makes it with room for more sockets"),
    Contact("jupyter_server", "AsyncMappingKernelManager.start_kernel and list_kernel_ids",
            "start_kernel takes keyword arguments only, env among them, and gives the new "
            "kernel's id; list_kernel_ids names the kernels still running (a dead or culled one "
            "is gone from it)",
            "ickit.kernel_cap.CappedKernelManager"),
    Contact("jupyter_server", "log_request and the identity provider's logout route",
            "jupyter_server.log.log_request logs a request with any token in its address "
            "hidden; identity_provider.logout_handler_class is the handler of /logout",
            "ickit.guarded_routes.GuardedVoila (its log_function; drops /logout)"),
    Contact("ipykernel", "OutStream.fileno",
            "with capture_fd_output (the default) a kernel's sys.stderr goes to the page, and its "
            "fileno() gives the copy ipykernel keeps of the process's own error stream, which "
            "the server's log gets (kernel_log_stream)",
            "ickit.views.common.log_failure: a bug's details reach the server's log, not the "
            "visitor's page"),
    Contact("nbconvert", "the lab template's cell markup",
            "a code cell without outputs is marked `jp-CodeCell ... jp-mod-noOutputs` "
            "(templates/lab/base.html.j2), which Voila's pages and the kit's template inherit "
            "(cells_without_outputs)",
            "ickit.serve's ready line; bench/run.py"),
    Contact("jupyterlab_widgets", "RadioButtonsView of @jupyter-widgets/controls",
            "the radio buttons' view, which JupyterLab's widget manager shares with other "
            "extensions, makes its `container` element in render() and (re)builds the buttons, "
            "input[type=radio] elements, in it in update(); a click on one sets the model's index",
            "the ickit-charts front end's ChoicesView (ickit.views.choices.Choices), which names "
            "the buttons as one group after each update, in JupyterLab"),
    Contact("voila", "the widgets' controls on a dashboard page",
            "a page loads the extension of jupyterlab_widgets (get_page_config keeps it among the "
            "federated extensions; widgets-manager8 stands in for its plugin only), and the "
            "@jupyter-widgets/controls a page's widgets use is the copy it shares, not "
            "widgets-manager8's own (a page loads jupyterlab-manager's chunks of it, not that one)",
            "the ickit-charts front end's ChoicesView, on the dashboards: it extends that copy"),
    Contact("plotly", "files in package_data/",
            "templates/<name>.json, read as go.Figure embeds them (plotly_template_text), and "
            "plotly.min.js (plotly_js_file)",
            "ickit.charts.plotly_template, ickit.materials.decks"),
    Contact("plotly", "the plotly.js it writes figures for",
            "its figures are drawn by the chart widget's plotly.js (FRONT_END_PLOTLY_JS): the "
            "same minor version as the one plotly carries",
            "ickit.views.chart, the ickit-charts front end (widgets/labextension)"),
)

FRONT_END_PLOTLY_JS = "4.1.1"  # the chart widget's plotly.js, pinned in its package.json


class UncheckedVersion(Exception):
    """An installed package is outside the range the kit was checked with."""


def outside_checked(version=None) -> list[str]:
    """A message for each package in :data:`CHECKED` that is missing or outside its range;
    ``version(package)`` gives the installed version (by default, from the package's metadata)."""
    version = version or metadata.version
    problems = []
    for checked in CHECKED.values():
        try:
            installed = version(checked.package)
        except metadata.PackageNotFoundError:
            problems.append(f"{checked.package} is not installed (the kit needs "
                            f"{checked.package}{checked.spec})")
            continue
        if not checked.holds(installed):
            relies = ", ".join(c.part for c in CONTACTS if c.package == checked.package)
            problems.append(
                f"{checked.package} {installed} is installed, but the kit was checked with "
                f"{checked.package}{checked.spec} only (it relies on {relies}). Install a "
                f"checked version (pip install '{checked.package}{checked.spec}'), or check "
                f"what widgets/ickit/upstream.py lists for {checked.package} and widen its range")
    return problems


def require_checked(version=None) -> None:
    """Raise :class:`UncheckedVersion` naming every package outside its checked range."""
    if problems := outside_checked(version):
        raise UncheckedVersion("\n".join(problems))


def _release(version: str) -> tuple[int, ...]:
    """The numbers of a version's release, ``0.5.14rc1`` -> ``(0, 5, 14)``, zeros trimmed."""
    numbers = [int(n) for n in re.match(r"\d+(?:\.\d+)*", version).group().split(".")]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


# --- jupyter_client -----------------------------------------------------------------------------

def bound_kernel_waits() -> None:
    """Make every asyncio kernel-client wait in ``jupyter_client`` re-check its socket each step
    (``ickit.kernel_waits``). Call it in the server process before Voila starts; calling it again
    changes nothing."""
    from jupyter_client.channels import AsyncZMQSocketChannel

    from .kernel_waits import in_steps

    if getattr(AsyncZMQSocketChannel.get_msg, "in_steps", False):
        return
    AsyncZMQSocketChannel.get_msg = in_steps(AsyncZMQSocketChannel.get_msg)


# --- voila --------------------------------------------------------------------------------------

RENDER_FAILED = ("<div class='ickit-render-failed' role='alert'><p>This page could not be drawn. "
                 "Reload it to try again.</p></div>")


def end_failed_renders() -> None:
    """Make a page rendered on a kernel started on demand end when its rendering fails.

    Voila's page handler renders such a page in a task of its own that ends the page once the
    rendering is done; a rendering that raised ended that task alone, so the page waited for ever
    (a heartbeat every few seconds) and its kernel stayed until culled. The renderer Voila's
    handler uses is replaced by one whose rendering, when it raises, logs the error, gives
    :data:`RENDER_FAILED` as the page's last part and marks the request (``render_failed``), so
    ``ickit.guarded_routes`` shuts the kernel down. Call it before Voila starts; calling it again
    changes nothing."""
    import voila.handler
    from voila.notebook_renderer import NotebookRenderer

    if getattr(voila.handler.NotebookRenderer, "ends_failed_renders", False):
        return

    class EndingRenderer(NotebookRenderer):
        ends_failed_renders = True

        def generate_content_generator(self, *args, **kwargs):
            rendering = super().generate_content_generator(*args, **kwargs)

            async def ending():
                try:
                    async for part in rendering:
                        yield part
                except Exception:
                    log.exception("ickit: a page could not be drawn")
                    self.request_handler.render_failed = True
                    yield RENDER_FAILED, None

            return ending()

    voila.handler.NotebookRenderer = EndingRenderer


def voila_pools(app) -> dict[str, list]:
    """The running Voila app's kernel pools, notebook path -> pool items (none before it runs)."""
    return getattr(app.kernel_manager, "_pools", {})


def pool_render(item):
    """A started pool item's rendering of its notebook (an asyncio task)."""
    return item.result()["task"]


def rendered_page(rendered) -> str:
    """The HTML of a finished rendering: Voila 0.5 gives ``(snippets, rest)``; anything else is
    given as no HTML, so it is not checked."""
    if isinstance(rendered, tuple) and rendered and isinstance(rendered[0], list):
        return "".join(map(str, rendered[0]))
    return ""


def pool_setting(manager, notebook: str | None) -> dict | None:
    """The notebook's own entry in the kernel manager's ``kernel_pools_config``, whose
    ``pool_size`` Voila's ``fill_if_needed`` fills the pool up to (``None``: it has none)."""
    setting = manager.kernel_pools_config.get(notebook)
    return setting if isinstance(setting, dict) and "pool_size" in setting else None


def pool_length(manager, notebook: str | None) -> int:
    """How many items the notebook's pool holds, kernels ready and kernels due to start."""
    return len(getattr(manager, "_pools", {}).get(notebook, ()))


def pool_notebooks(manager) -> list[str]:
    """The notebooks the kernel manager keeps pools for."""
    return list(getattr(manager, "_pools", {}))


def pool_starts_pending(manager) -> int:
    """Pool items not yet done: kernels due to start, starting or drawing their dashboard."""
    return sum(not item.done() for pool in getattr(manager, "_pools", {}).values() for item in pool)


def started_for_a_page(env: dict | None) -> bool:
    """Whether the kernel manager is starting a kernel, with environment ``env``, for a page
    (not for a pool)."""
    return (env or {}).get("VOILA_PREHEAT") == "False"


# --- voila: a preheated kernel's page query ---------------------------------------------------------
#
# How a dashboard's kernel learns the query of the address its page was opened with (``?room=``).
#
# A kernel Voila starts for a request has the query in ``QUERY_STRING`` from the start. A kernel
# started in advance (a pool's) ran its notebook before anyone asked for the page: Voila hands it
# the request's details when a visitor takes it, over a websocket at ``voila/query/<kernel id>``
# that its helper ``voila.utils.wait_for_request`` blocks on. The kit listens on that websocket
# itself, with the tornado client the kernel already holds, without blocking: the dashboard is
# drawn before anyone arrives, and importing ``voila.utils`` would load jupyter_server and nbconvert
# into every kernel (about 70 MB each).
#
# Checked against voila 0.5.13 (``voila/utils.py`` ``wait_for_request``, ``request_info_handler.py``):
# a pool's kernels have ``VOILA_PREHEAT`` "True", ``VOILA_KERNEL_ID`` (set as the notebook starts),
# ``VOILA_APP_PORT`` and ``VOILA_SERVER_URL``; the websocket sends one JSON object of environment
# variables, ``QUERY_STRING`` among them, which Voila's helper puts into ``os.environ``.

log = logging.getLogger("ickit")
CONNECT_SECONDS = 5  # as Voila's helper


def current_query() -> dict[str, str]:
    return dict(parse_qsl(os.environ.get("QUERY_STRING", "")))


def preheated() -> bool:
    return os.environ.get("VOILA_PREHEAT") == "True"


def request_info_url() -> str:
    """Where a preheated kernel hears of its request, as ``voila.utils.wait_for_request`` finds it."""
    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    return f"{protocol}://{host}:{port}{base}voila/query/{os.environ.get('VOILA_KERNEL_ID', '')}"


async def request_info() -> dict[str, str]:
    """The details of the request that took this preheated kernel, once a visitor arrives."""
    from tornado.websocket import websocket_connect

    connection = await websocket_connect(request_info_url(), connect_timeout=CONNECT_SECONDS)
    try:
        message = await connection.read_message()
    finally:
        connection.close()
    return json.loads(message) if message else {}


def when_page_opens(callback: Callable[[dict[str, str]], None]) -> None:
    """Call ``callback(query)`` once the page's query is known: at once outside a preheated kernel
    (in JupyterLab the query is empty), else on the kernel's event loop when a visitor arrives.
    If Voila cannot be reached, the query is taken as empty (the page then asks for what it needs)."""
    if not preheated():
        callback(current_query())
        return

    async def wait() -> None:
        try:
            os.environ.update(await request_info())
        except Exception:  # the page still works: it asks for the room's code
            log.exception("could not hear the page's address from Voila")
        callback(current_query())

    asyncio.ensure_future(wait())


# --- ipykernel ----------------------------------------------------------------------------------

def kernel_log_stream():
    """A stream to this process's own error stream, where the server logs what it prints. In a
    kernel, ``sys.stderr`` goes to the page, and its ``fileno()`` gives ipykernel's copy of the
    process's stream; elsewhere it is the process's stream itself."""
    try:
        return open(sys.stderr.fileno(), "w", encoding="utf-8", errors="replace", closefd=False)
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return sys.__stderr__


# --- nbconvert ----------------------------------------------------------------------------------

CELL_WITHOUT_OUTPUTS = re.compile(
    r'<div\b[^>]*\bclass="(?=[^"]*\bjp-CodeCell\b)[^"]*\bjp-mod-noOutputs\b')


def cells_without_outputs(page: str) -> int:
    """How many code cells of a rendered dashboard page have no outputs: every code cell of a
    dashboard shows something (a test holds them to it), so each one is a part of the dashboard
    missing. A cell that kept some of its outputs is not counted."""
    return len(CELL_WITHOUT_OUTPUTS.findall(page))


# --- plotly -------------------------------------------------------------------------------------

def plotly_template_text(name: str) -> str:
    """One of plotly's built-in templates as the JSON text it ships, read without plotly's
    template objects (which load its validators)."""
    import pkgutil

    return pkgutil.get_data("plotly", f"package_data/templates/{name}.json").decode("utf-8")


def plotly_js_file() -> Path:
    """The plotly.js plotly ships, for pages that open from the file system."""
    import importlib.util

    return Path(importlib.util.find_spec("plotly").origin).parent / "package_data" / "plotly.min.js"
