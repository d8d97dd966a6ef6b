"""The kit's contacts with other packages' internals (``ickit.upstream``): the installed packages
are the checked ones, the dependency files cap them to that, ``ickit serve`` refuses others, and
each contact still holds in the installed package. (Also tried elsewhere: the page markup
nbconvert gives, in test_serve.py; Voila's pools end to end, by every browser test, which waits
for the ready line.)"""

import asyncio
import inspect
import json
import logging
import tomllib
from importlib import metadata
from pathlib import Path
from queue import Empty

import pytest

from ickit import cli, upstream
from ickit.upstream import CHECKED, CONTACTS, FRONT_END_PLOTLY_JS, Checked, outside_checked

ROOT = Path(__file__).resolve().parents[1]


def installed_but(package: str, version: str):
    """``metadata.version`` as if ``version`` of ``package`` were installed."""
    real = metadata.version
    return lambda name: version if name == package else real(name)


def test_the_installed_packages_are_the_checked_ones():
    assert outside_checked() == []


def test_pyproject_caps_each_package_to_its_checked_range():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    for checked in CHECKED.values():
        assert f"{checked.package}{checked.spec}" in declared, checked.package
    # environment.yml agrees with pyproject.toml: test_environment.py


def test_every_contact_is_with_a_checked_package_and_every_checked_package_is_contacted():
    assert {c.package for c in CONTACTS} == set(CHECKED)


@pytest.mark.parametrize("version, inside", [
    ("0.5.13", True), ("0.5.13.post1", True), ("0.5.12", False), ("0.5.14", False),
    ("0.5.14rc1", False), ("0.6.0", False), ("1.0", False)])
def test_a_range_holds_from_its_low_end_up_to_the_first_version_not_checked(version, inside):
    assert Checked("voila", "0.5.13", "0.5.14", "").holds(version) is inside


def test_minor_ranges_compare_numbers_not_text():
    jupyter_client = Checked("jupyter_client", "8.0", "8.11", "")
    assert jupyter_client.holds("8.10.0") and jupyter_client.holds("8.0.0")
    assert not jupyter_client.holds("8.11.0") and not jupyter_client.holds("9.0")


def test_a_version_outside_its_range_is_named_with_what_to_check():
    (problem,) = outside_checked(installed_but("voila", "0.6.0"))
    assert problem.startswith("voila 0.6.0 is installed, but the kit was checked with "
                              "voila>=0.5.13,<0.5.14 only")
    assert "VoilaKernelManager._pools" in problem and "widgets/ickit/upstream.py" in problem


def test_a_missing_package_is_named():
    def version(name):
        if name == "nbconvert":
            raise metadata.PackageNotFoundError(name)
        return metadata.version(name)

    assert outside_checked(version) == ["nbconvert is not installed (the kit needs "
                                        "nbconvert>=7.16,<7.18)"]


def test_serve_stops_at_start_outside_the_checked_range(monkeypatch, capsys):
    launched = []
    monkeypatch.setattr(cli, "serve", lambda options, content: launched.append(options))
    monkeypatch.setattr(metadata, "version", installed_but("plotly", "7.2.0"))
    assert cli.main(["serve", "--no-browser"]) == 2
    out, err = capsys.readouterr()
    assert err.startswith("ickit serve: plotly 7.2.0 is installed, but the kit was checked with "
                          "plotly>=7.1,<7.2 only")
    assert "Traceback" not in err and "serving" not in out and launched == []


# --- each contact, tried against the installed package ------------------------------------------

def test_jupyter_client_get_msg_waits_for_a_timeout_then_raises_empty(run_async):
    import zmq
    import zmq.asyncio
    from jupyter_client.channels import AsyncZMQSocketChannel
    from jupyter_client.session import Session

    assert list(inspect.signature(AsyncZMQSocketChannel.get_msg).parameters) == ["self", "timeout"]

    async def wait():
        context = zmq.asyncio.Context()
        socket = context.socket(zmq.DEALER)
        try:
            return await AsyncZMQSocketChannel(socket, Session()).get_msg(0.01)
        finally:
            socket.close(0)
            context.term()

    with pytest.raises(Empty):
        run_async(wait())


def test_voilas_pools_are_where_and_as_the_kit_reads_them(tmp_path):
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from traitlets import Unicode
    from traitlets.config import Configurable
    from voila.notebook_renderer import NotebookRenderer
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    class App(Configurable):
        root_dir = Unicode(str(tmp_path))
        notebook_path = None

    app = App()
    app.kernel_manager = voila_kernel_manager_factory(AsyncMappingKernelManager, True, 0)(
        parent=app)
    assert upstream.voila_pools(app) is app.kernel_manager._pools == {}
    # a pool item gives {"task": ...}, whose rendering gives (HTML snippets, the rest)
    assert '"task": task' in inspect.getsource(type(app.kernel_manager)._initialize)
    assert "return rendered, generator" in inspect.getsource(
        NotebookRenderer.generate_content_hybrid)


def test_pool_items_and_renderings_read_as_voila_gives_them(run_async):
    async def read():
        loop = asyncio.get_running_loop()
        render, item = loop.create_future(), loop.create_future()
        item.set_result({"task": render, "renderer": None, "kernel_id": "k"})
        render.set_result((["<p>", "cells</p>"], None))
        return upstream.rendered_page(upstream.pool_render(item).result())

    assert run_async(read()) == "<p>cells</p>"
    assert upstream.rendered_page("<html>") == ""  # another shape: not checked


def test_a_preheated_kernel_hears_its_request_where_voilas_helper_listens(monkeypatch):
    import voila.utils

    heard = []

    async def request_info(url):  # voila's helper, stopped before it connects
        heard.append(url)

    monkeypatch.setattr(voila.utils, "_get_request_info", request_info)
    for name in ("VOILA_WS_PROTOCOL", "VOILA_APP_IP", "VOILA_WS_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {"VOILA_PREHEAT": "True", "VOILA_APP_PORT": "8901",
                        "VOILA_SERVER_URL": "/base/", "VOILA_KERNEL_ID": "k-1"}.items():
        assert getattr(voila.utils.ENV_VARIABLE, name) == name
        monkeypatch.setenv(name, value)
    voila.utils.wait_for_request()
    assert heard == [upstream.request_info_url()] == ["ws://127.0.0.1:8901/base/voila/query/k-1"]


def test_voila_shows_rendered_cells_by_clearing_its_style():
    from jupyter_core.paths import jupyter_path

    macro = next(Path(p) / "voila_setup.macro.html.j2"
                 for p in jupyter_path("voila", "templates", "base")
                 if (Path(p) / "voila_setup.macro.html.j2").is_file())
    script = macro.read_text(encoding="utf-8")
    assert 'el = document.getElementById("rendered_cells");' in script
    assert "el.style.display = '';" in script


def test_a_kernels_stderr_gives_the_copy_of_its_own_stream_as_its_fileno():
    from ipykernel.iostream import OutStream
    from ipykernel.kernelapp import IPKernelApp

    assert IPKernelApp.class_traits()["capture_fd_output"].default() is True
    source = inspect.getsource(OutStream)
    assert "self._original_stdstream_copy = os.dup(" in source
    assert 'if getattr(self, "_original_stdstream_copy", None) is not None:\n' \
           '            return self._original_stdstream_copy' in inspect.getsource(OutStream.fileno)


def test_radio_buttons_are_built_in_their_container_as_the_choices_view_relies_on():
    from jupyter_core.paths import jupyter_path

    where = ("labextensions", "@jupyter-widgets", "jupyterlab-manager", "static")
    static = next(Path(p) for p in jupyter_path(*where) if Path(p).is_dir())
    code = next(text for f in sorted(static.glob("*.js"))
                if 'click input[type="radio"]' in (text := f.read_text(encoding="utf-8")))
    view = code[code.index('.classList.add("widget-radio-box")'):code.index('click input[type="radio"]')]
    assert view.startswith('.classList.add("widget-radio-box"),this.update()}update(')
    assert 'this.container.textContent=""' in view and "this.container.appendChild(" in view
    assert 'setAttribute("type","radio")' in view
    assert 'this.model.set("index",parseInt(' in code[code.index('click input[type="radio"]'):][:400]


def test_a_dashboard_page_loads_jupyterlab_widgets_extension_and_the_kits(content):
    """The controls the kit's radio buttons' view extends are those jupyterlab_widgets shares."""
    from voila.configuration import VoilaConfiguration
    from voila.utils import get_page_config

    from ickit.serve import ServeOptions, voila_config

    voila = VoilaConfiguration(config=voila_config(ServeOptions(), content, budget=4))
    page = get_page_config("/", {}, logging.getLogger("ickit-test"), voila)
    names = {e["name"] for e in page["federated_extensions"]}
    assert {"@jupyter-widgets/jupyterlab-manager", "ickit-charts"} <= names, names


def test_plotlys_package_data_is_where_the_kit_reads_it():
    assert set(json.loads(upstream.plotly_template_text("plotly_white"))) >= {"data", "layout"}
    assert upstream.plotly_js_file().stat().st_size > 1_000_000


def test_the_chart_widgets_plotly_js_is_the_minor_version_plotly_writes_for():
    from plotly.offline import get_plotlyjs_version

    lock = json.loads((ROOT / "widgets" / "labextension" / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/plotly.js"]["version"] == FRONT_END_PLOTLY_JS
    assert get_plotlyjs_version().split(".")[:2] == FRONT_END_PLOTLY_JS.split(".")[:2], \
        get_plotlyjs_version()


# --- the seminar server's routes and kernel cap (ickit.guarded_routes, ickit.kernel_cap) ---------

def test_voila_builds_its_application_from_settings_then_routes():
    from voila.app import Voila

    start = inspect.getsource(Voila.start)
    assert start.index("self.init_settings()") < start.index("self.init_handlers()")
    assert "voila_jinja2_env=env" in inspect.getsource(Voila.init_settings)
    handlers = inspect.getsource(Voila.init_handlers)
    for name in ("TornadoVoilaHandler", "VoilaContentsHandler", "TemplateStaticFileHandler",
                 "VoilaShutdownKernelHandler", "identity_provider.get_handlers()"):
        assert name in handlers, name


def test_a_page_request_reads_template_and_theme_and_starts_its_kernel_for_a_page():
    from voila.handler import VoilaHandler
    from voila.utils import ENV_VARIABLE

    source = inspect.getsource(VoilaHandler.get_generator)
    assert 'self.get_argument("template", None)' in source
    assert 'self.get_argument("theme", None)' in source
    assert ENV_VARIABLE.VOILA_PREHEAT == "VOILA_PREHEAT"
    assert 'kernel_env[ENV_VARIABLE.VOILA_PREHEAT] = "False"' in source
    assert "await ensure_async(\n                self.kernel_manager.start_kernel(" in source
    assert upstream.started_for_a_page({"VOILA_PREHEAT": "False"})
    assert not upstream.started_for_a_page({"VOILA_PREHEAT": "True"})
    assert not upstream.started_for_a_page(None)


def test_voila_builds_its_pools_on_the_configured_kernel_manager():
    from voila.app import Voila
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    assert "self.voila_configuration.multi_kernel_manager_class" in inspect.getsource(
        Voila.init_settings)
    assert 'kernel_env[ENV_VARIABLE.VOILA_PREHEAT] = "True"' in inspect.getsource(
        voila_kernel_manager_factory)


def test_a_left_page_asks_voila_to_shut_its_kernel_down_with_the_xsrf_cookie():
    import voila
    from jupyter_core.paths import jupyter_path
    from jupyter_server.base.handlers import APIHandler
    from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler

    assert issubclass(VoilaShutdownKernelHandler, APIHandler)  # checks _xsrf on a post
    managers = [path for root in jupyter_path("voila", "labextensions")
                for path in Path(root).glob("@voila-dashboards/widgets-manager*/static/*.js")]
    scripts = [p.read_text(encoding="utf-8") for p in managers]
    assert any('window.addEventListener("beforeunload"' in s and "voila/api/shutdown/" in s
               and '"_xsrf"' in s for s in scripts), managers
    assert "xsrf" not in inspect.getsource(voila.handler)  # the kit's render handler sets it


def test_the_lab_template_has_the_blocks_the_kits_template_replaces():
    from jupyter_core.paths import jupyter_path

    def template(*parts):
        return next((Path(p) / parts[-1]).read_text(encoding="utf-8")
                    for p in jupyter_path(*parts[:-1]) if (Path(p) / parts[-1]).is_file())

    voila_lab = template("voila", "templates", "lab", "index.html.j2")
    nbconvert_lab = template("nbconvert", "templates", "lab", "index.html.j2")
    for block in ("notebook_css", "body_header", "html_head_js"):
        assert f"block {block} -" in voila_lab, block
    assert "data-jp-theme-name=\"{{resources.theme}}\"" in voila_lab  # why body_header is replaced
    assert "block html_head_js_mermaidjs" in nbconvert_lab
    assert "voila_setup_helper_functions" in template("voila", "templates", "base",
                                                      "voila_setup.macro.html.j2")


def test_jupyter_servers_kernel_manager_starts_by_keywords_and_lists_running_kernels():
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    parameters = inspect.signature(AsyncMappingKernelManager.start_kernel).parameters
    assert all(p.kind in (p.KEYWORD_ONLY, p.VAR_KEYWORD) for name, p in parameters.items()
               if name != "self")
    assert callable(AsyncMappingKernelManager.list_kernel_ids)


def test_jupyter_servers_request_log_hides_tokens_and_logout_is_the_identity_providers(caplog):
    import logging
    from types import SimpleNamespace

    from jupyter_server.auth.identity import IdentityProvider
    from jupyter_server.log import log_request
    from tornado.httputil import HTTPHeaders, HTTPServerRequest

    request = HTTPServerRequest("GET", "/voila/x?token=s3cret",
                                headers=HTTPHeaders({"Referer": "http://h/?token=s3cret"}))
    request.remote_ip = "127.0.0.1"
    handler = SimpleNamespace(settings={}, request=request, get_status=lambda: 404, current_user=None,
                              log=logging.getLogger("ickit-test-access"))
    with caplog.at_level(logging.DEBUG, "ickit-test-access"):
        log_request(handler, record_prometheus_metrics=False)
    assert "/voila/x" in caplog.text and "s3cret" not in caplog.text
    assert "logout_handler_class" in IdentityProvider.class_trait_names()


def test_a_page_on_a_kernel_started_on_demand_is_rendered_in_a_task_nothing_awaits():
    import voila.handler

    source = inspect.getsource(voila.handler.VoilaHandler.get_generator)
    assert "gen = NotebookRenderer(" in source and "request_handler=self," in source
    assert "gen.generate_content_generator(" in source
    assert "asyncio.ensure_future(put_html())" in source and "await queue.put(None)" in source


def test_end_failed_renders_gives_voilas_handler_a_renderer_that_ends_the_page(run_async):
    import voila.handler
    from voila.notebook_renderer import NotebookRenderer

    before = voila.handler.NotebookRenderer
    try:
        upstream.end_failed_renders()
        upstream.end_failed_renders()  # once is enough
        ending = voila.handler.NotebookRenderer
        assert ending.__bases__ == (NotebookRenderer,)

        class Handler:
            render_failed = False

        async def broken(*args, **kwargs):
            yield "<p>part</p>", None
            raise RuntimeError("Kernel died before replying to kernel_info")

        renderer = ending.__new__(ending)
        renderer.request_handler = Handler()
        original = NotebookRenderer.generate_content_generator
        NotebookRenderer.generate_content_generator = broken
        try:
            async def parts():
                return [part async for part, _ in renderer.generate_content_generator("k")]
            assert run_async(parts()) == ["<p>part</p>", upstream.RENDER_FAILED]
        finally:
            NotebookRenderer.generate_content_generator = original
        assert renderer.request_handler.render_failed
    finally:
        voila.handler.NotebookRenderer = before
