"""`ickit serve`: the options a trainer gives become the right Voila configuration."""

import asyncio
import os
import shutil
from pathlib import Path

import pytest

from ickit import cli
from ickit.serve import (
    DASHBOARD_DIR,
    TEMPLATE_ROOT,
    ServeError,
    ServeOptions,
    kernel_budget,
    kernel_transport,
    landing_page_config,
    pool_sizes,
    preheated,
    server_env,
    announce_when_warm,
    voila_config,
    warm,
)
from ickit.upstream import cells_without_outputs

TEMPLATE = TEMPLATE_ROOT / "voila" / "templates" / "ickit"


@pytest.fixture
def launched(monkeypatch):
    """Run `ickit serve ...` with Voila replaced by a recorder of the options it gets."""
    seen = []
    monkeypatch.setattr(cli, "serve",
                        lambda options, content, rooms, join, budget: seen.append(options))
    return seen


def test_defaults_are_safe(content):
    c = voila_config(ServeOptions(), content, budget=40)
    assert c.Voila.ip == "127.0.0.1" and c.Voila.token == ""
    assert c.VoilaConfiguration.strip_sources is True
    assert c.VoilaConfiguration.show_tracebacks is False
    assert c.VoilaConfiguration.template == "ickit"
    assert c.VoilaConfiguration.preheat_kernel is True
    assert c.MappingKernelManager.cull_idle_timeout > 0
    assert c.MappingKernelManager.cull_interval > 0
    assert "file_allowlist" not in c.VoilaConfiguration  # Voila's default: images only
    assert c.KernelManager.transport in ("ipc", "tcp")
    assert c.VoilaConfiguration.allow_theme_override == "NO"
    assert c.KernelRestarter.restart_limit == 0  # a dead kernel's page says so; none restarts


def test_every_kernel_held_is_capped_by_the_budget(content):
    c = voila_config(ServeOptions(), content, budget=13)
    assert c.VoilaConfiguration.multi_kernel_manager_class == "ickit.kernel_cap.CappedKernelManager"
    assert c.CappedKernelManager.kernel_limit == 13


def test_the_token_is_hidden_in_every_log_line():
    import logging

    from ickit.guarded_routes import HideToken

    record = logging.LogRecord("tornado.general", logging.WARNING, __file__, 1,
                               "403 GET %s (%s)", ("/voila/static/x?token=s3cret", "127.0.0.1"), None)
    assert HideToken("s3cret").filter(record) and record.getMessage() == (
        "403 GET /voila/static/x?token=[secret] (127.0.0.1)")


def test_the_dashboard_template_overrides_blocks_of_voilas_and_copies_none():
    """A fork of a whole file inherited Voila's unescaped theme; blocks keep the rest Voila's."""
    import re

    text = (TEMPLATE / "index.html.j2").read_text(encoding="utf-8")
    assert "{%- extends 'voila/templates/lab/index.html.j2' -%}" in text
    assert set(re.findall(r"{%-? block (\w+)", text)) == {
        "html_head_js", "notebook_css", "html_head_js_mermaidjs", "body_header"}
    assert "resources.theme" not in text and "{{resources.base_url}}" not in text


def test_kernels_use_unix_sockets_unless_the_path_is_too_long():
    assert kernel_transport("/tmp") == "ipc"
    assert kernel_transport("/home/someone/with/a/very/long/temporary/folder/path") == "tcp"


def test_data_folder_reaches_the_kernels(tmp_path):
    assert server_env(tmp_path)["ICKIT_DATA"] == str(tmp_path.resolve())
    assert "ICKIT_DATA" not in server_env()
    assert server_env()["JUPYTER_PATH"].split(os.pathsep)[0].endswith("share")

def test_pools_cover_the_dashboards_in_use(content):
    pools = voila_config(ServeOptions(expect=60, dashboards=("contents",)), content,
                         budget=40).VoilaKernelManager.kernel_pools_config
    assert pools == {"default": {"pool_size": 0}, "contents.ipynb": {"pool_size": 40}}


def test_pool_sizes_spread_and_cap():
    assert pool_sizes(10, ["a.ipynb", "b.ipynb"], budget=40)["a.ipynb"] == {"pool_size": 5}
    assert pool_sizes(60, ["a.ipynb", "b.ipynb"], budget=8)["b.ipynb"] == {"pool_size": 4}
    three = pool_sizes(1, ["a.ipynb", "b.ipynb", "c.ipynb"], budget=8)
    assert [three[n]["pool_size"] for n in ("a.ipynb", "b.ipynb", "c.ipynb")] == [1, 1, 1]


@pytest.mark.parametrize("expect, budget, dashboards", [(10, 10, 8), (20, 13, 8), (60, 2, 8),
                                                        (7, 40, 3), (60, 40, 1), (2, 40, 8)])
def test_pools_cover_each_dashboard_within_the_budget(expect, budget, dashboards):
    notebooks = [f"d{i}.ipynb" for i in range(dashboards)]
    pools = pool_sizes(expect, notebooks, budget)
    assert preheated(pools) == min(max(expect, dashboards), budget)
    if budget >= dashboards:
        assert all(pools[nb]["pool_size"] >= 1 for nb in notebooks)
    with pytest.raises(ServeError, match="at least 1"):
        pool_sizes(0, ["a.ipynb"], budget=8)


def test_kernel_budget_keeps_memory_for_the_rest():
    assert kernel_budget(mb_available=3000) == 19  # 1024 MB kept
    assert kernel_budget(mb_available=24000) == 216  # a tenth kept
    assert kernel_budget(mb_available=100) == 2


def test_public_needs_a_token(content):
    with pytest.raises(ServeError, match="token"):
        voila_config(ServeOptions(public=True), content, budget=4)
    c = voila_config(ServeOptions(public=True, token="abc"), content, budget=4)
    assert c.Voila.ip == "0.0.0.0" and c.Voila.token == "abc"


def test_cli_options(launched, capsys):
    assert cli.main(["serve", "--port", "9000", "--expect", "30", "--dashboard", "contents",
                     "--no-browser"]) == 0
    (options,) = launched
    assert (options.port, options.expect, options.dashboards) == (9000, 30, ("contents",))
    assert options.open_browser is False and options.public is False and options.token == ""
    assert "http://127.0.0.1:9000/" in capsys.readouterr().out


def test_cli_public_prints_its_token(launched, capsys):
    assert cli.main(["serve", "--public"]) == 0
    token = launched[0].token
    assert len(token) >= 20
    assert f"?token={token}" in capsys.readouterr().out


def test_cli_unknown_dashboard_is_named(launched, capsys):
    assert cli.main(["serve", "--dashboard", "no-such-thing"]) == 2
    err = capsys.readouterr().err
    assert "no dashboard called no-such-thing" in err and "contents" in err
    assert launched == []


def test_landing_page_gets_the_dashboards(content):
    config = landing_page_config({}, content=content, notebook_path="")
    assert [d["notebook"] for d in config["ickitDashboards"]] == [
        d.notebook for d in content.dashboards]
    assert landing_page_config({}, content=content, notebook_path="contents.ipynb") == {}


def test_every_icon_is_shipped(content):
    shipped = sorted(p.stem for p in (TEMPLATE / "static" / "icons").glob("*.svg"))
    missing = [f"{d.id}: {d.icon}" for d in content.dashboards if d.icon not in shipped]
    assert not missing, f"icons not in the kit's template: {missing}; shipped: {shipped}"


def test_template_links_nothing_outside():
    for path in TEMPLATE.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".j2", ".css", ".js"):
            text = path.read_text(encoding="utf-8")
            assert "http://" not in text and "https://" not in text and "//cdn" not in text, path


def test_template_keeps_voila_licence():
    assert "Voilà contributors" in (TEMPLATE / "LICENSE").read_text(encoding="utf-8")


def test_cli_data_folder_is_passed_on(launched, tmp_path):
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", tmp_path / "data")
    assert cli.main(["--data", str(tmp_path / "data"), "serve", "--no-browser"]) == 0
    (options,) = launched
    assert options.data == tmp_path / "data"


def test_pools_refill_after_the_room_has_joined(content):
    assert voila_config(ServeOptions(), content, budget=8).VoilaKernelManager.fill_delay == 30
    assert voila_config(ServeOptions(refill_delay=1), content, budget=8) \
        .VoilaKernelManager.fill_delay == 1
    with pytest.raises(ServeError, match="--refill-delay"):
        voila_config(ServeOptions(refill_delay=-1), content, budget=8)


def test_cli_refill_delay(launched):
    assert cli.main(["serve", "--refill-delay", "5", "--no-browser"]) == 0
    (options,) = launched
    assert options.refill_delay == 5


def _rendered(*cells) -> str:
    """A notebook of ``cells`` as Voila's templates mark it up (nbconvert's lab template)."""
    import nbformat
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab").from_notebook_node(
        nbformat.v4.new_notebook(cells=list(cells)))[0]


def _cell(source: str, shown: bool = True):
    """A code cell, with the output ``source`` displays or (as Voila renders a cell whose outputs
    came after nbclient stopped waiting for them) none."""
    import nbformat

    outputs = [nbformat.v4.new_output("display_data", data={"text/plain": source})]
    return nbformat.v4.new_code_cell(source, outputs=outputs if shown else [])


PAGE = _rendered(_cell("header()"), _cell("view()"))
LATE = _rendered(_cell("header()"), _cell("view()", shown=False))


def test_a_page_without_a_cells_outputs_is_told_apart():
    import nbformat

    assert cells_without_outputs(PAGE) == 0
    assert cells_without_outputs(LATE) == 1
    note = nbformat.v4.new_markdown_cell('<div class="jp-mod-noOutputs">a note</div>')
    assert cells_without_outputs(_rendered(note, _cell("view()"))) == 0


def test_every_dashboard_cell_shows_something():
    """The ready line takes a code cell without outputs for a part of a dashboard missing: each
    dashboard cell ends in the expression that shows it."""
    import ast

    import nbformat

    for path in sorted(DASHBOARD_DIR.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                body = ast.parse(cell.source).body
                assert body and isinstance(body[-1], ast.Expr), f"{path.name}: {cell.source!r}"


def test_ready_once_every_preheated_kernel_has_drawn_its_dashboard_or_failed_to(run_async):
    async def check():
        loop = asyncio.get_running_loop()

        def pooled(started: bool, drawn: bool, page: str = PAGE):
            render, item = loop.create_future(), loop.create_future()
            if drawn:
                render.set_result(([page], None))
            if started:
                item.set_result({"task": render, "kernel_id": "k"})
            return item

        assert warm([("a", pooled(True, True)), ("b", pooled(True, False))]) is None
        assert warm([("a", pooled(True, True)), ("b", pooled(False, False))]) is None
        failed = loop.create_future()
        failed.set_exception(RuntimeError("kernel died"))
        assert warm([("a", pooled(True, True)), ("b", failed)]) == (1, [("b", failed.exception())])
        broken = pooled(True, False)
        broken.result()["task"].set_exception(RuntimeError("cell failed"))
        drawn, failures = warm([("c", broken)])
        assert drawn == 0 and failures[0][0] == "c" and str(failures[0][1]) == "cell failed"
        assert warm([("a", pooled(True, True)), ("a", pooled(True, True)),
                     ("b", pooled(True, True))]) == (3, [])
        other = pooled(True, False)
        other.result()["task"].set_result("<html>")  # not what Voila 0.5 gives: not checked
        assert warm([("e", other)]) == (1, [])
        drawn, failures = warm([("a", pooled(True, True)), ("d", pooled(True, True, LATE))])
        assert drawn == 1 and failures[0][0] == "d"
        assert str(failures[0][1]) == "the page came without the outputs of 1 cell(s)"

    run_async(check())


def test_ready_is_said_once_for_the_kernels_started_first_and_progress_before(run_async, capsys):
    async def check():
        loop = asyncio.get_running_loop()
        render, item = loop.create_future(), loop.create_future()
        item.set_result({"task": render, "kernel_id": "k"})
        pools = {"a.ipynb": [item]}
        announce_when_warm(pools, every_s=0.01, progress_every_s=0.05)
        await asyncio.sleep(0.12)
        pools["a.ipynb"].clear()  # a visitor took it; its replacement is not awaited
        pools["a.ipynb"].append(loop.create_future())
        render.set_result(([PAGE], None))
        await asyncio.sleep(0.1)

    run_async(check())
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("ickit: still drawing: 0 of 1 kernel(s) ready")
    assert lines[-1].startswith("ickit: ready: 1 kernel(s) have drawn their dashboards; people")
    assert sum(line.startswith("ickit: ready") for line in lines) == 1


def test_pages_wait_for_outputs_that_trail_a_cells_reply(content):
    """With dozens of kernels starting together the server reads their messages seconds late;
    nbclient's default (4 s) then drops a cell's outputs and the page is served without them."""
    import nbformat
    from voila.execute import VoilaExecutor

    executor = VoilaExecutor(nbformat.v4.new_notebook(),
                             config=voila_config(ServeOptions(), content, budget=8))
    assert executor.iopub_timeout >= 60
