"""What a visitor can and cannot do through `ickit serve`: no code, no source files, nothing from
the address written into a page, the kit's page for every error, token in public and never logged."""

import asyncio
import concurrent.futures
import json
import re
import urllib.error
import urllib.request
import uuid
from urllib.parse import quote

import pytest
from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

NOTEBOOK = "contents.ipynb"
V1 = "v1.kernel.websocket.jupyter.org"


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def kernel_id(page_html: str) -> str:
    return re.search(r'"kernelId":\s*"([0-9a-f-]+)"', page_html).group(1)


def message(msg_type: str, content: dict) -> dict:
    header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "visitor",
              "session": uuid.uuid4().hex, "version": "5.3", "date": ""}
    return {"header": header, "parent_header": {}, "metadata": {}, "content": content,
            "buffers": [], "channel": "shell"}


async def replies_to(url: str, msgs: list[dict], subprotocol: str | None) -> list[str]:
    """Send ``msgs`` on a kernel websocket; the msg_types of the replies to them.

    Reading stops at the reply to the last message (the kernel answers its shell messages in
    order, so any reply to an earlier one has come by then), or after 60 s.
    """
    request = HTTPRequest(url, connect_timeout=60, request_timeout=60)
    ws = await websocket_connect(request, subprotocols=[subprotocol] if subprotocol else None)
    for msg in msgs:
        if subprotocol:
            parts = [json.dumps(msg[k]).encode() for k in
                     ("header", "parent_header", "metadata", "content")]
            ws.write_message(serialize_msg_to_ws_v1(parts, "shell"), binary=True)
        else:
            ws.write_message(json.dumps(msg))
    ids = {m["header"]["msg_id"] for m in msgs}
    seen = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 60
    last = msgs[-1]["header"]["msg_id"]
    while loop.time() < deadline:
        try:
            raw = await asyncio.wait_for(ws.read_message(), deadline - loop.time())
        except asyncio.TimeoutError:
            break
        if raw is None:
            break
        if isinstance(raw, bytes):  # v1: offsets, then channel, header, parent header, ...
            n = int.from_bytes(raw[:8], "little")
            offsets = [int.from_bytes(raw[8 * (i + 1):8 * (i + 2)], "little") for i in range(n)]
            reply = {"header": json.loads(raw[offsets[1]:offsets[2]]),
                     "parent_header": json.loads(raw[offsets[2]:offsets[3]])}
        else:
            reply = json.loads(raw)
        if reply["parent_header"].get("msg_id") in ids:
            seen.append(reply["header"]["msg_type"])
            if reply["parent_header"]["msg_id"] == last and reply["header"]["msg_type"].endswith("_reply"):
                break
    ws.close()
    return seen


def run_apart(coro):
    """``asyncio.run`` in a thread of its own: Playwright's sync API may own this thread's loop."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.mark.parametrize("subprotocol", [None, V1], ids=["json", "v1"])
def test_a_visitor_cannot_run_code(voila_server, tmp_path, subprotocol):
    status, page = get(voila_server.url(NOTEBOOK))
    assert status == 200
    marker = tmp_path / "ran"
    url = f"ws://127.0.0.1:{voila_server.port}/api/kernels/{kernel_id(page)}/channels"
    code = f"open({str(marker)!r}, 'w').write('visitor code ran')"
    msgs = [message("execute_request", {"code": code, "silent": False, "store_history": False,
                                        "user_expressions": {}, "allow_stdin": False}),
            message("kernel_info_request", {})]
    seen = run_apart(replies_to(url, msgs, subprotocol))
    assert "kernel_info_reply" in seen, f"the kernel did not answer at all: {seen}"
    assert "execute_reply" not in seen and "execute_input" not in seen
    assert not marker.exists()
    assert "which is not allowed" in voila_server.log_text()


SOURCE_URLS = [
    "voila/files/contents.ipynb",
    "voila/files/%2e%2e/%2e%2e/widgets/ickit/serve.py",
    "voila/files/../../widgets/ickit/serve.py",
    "voila/api/contents/contents.ipynb?content=1",
    "voila/api/contents/contents.ipynb?content=1&format=text",
    "voila/tree/contents.ipynb",
    "voila/static/..%2f..%2f..%2fwidgets/ickit/serve.py",
    "voila/templates/ickit/static/..%2f..%2f..%2f..%2f..%2fserve.py",
    "files/contents.ipynb",
    "notebooks/contents.ipynb",
    "api/contents/contents.ipynb",
]


@pytest.mark.parametrize("path", SOURCE_URLS)
def test_a_visitor_cannot_fetch_source(voila_server, path):
    status, body = get(voila_server.base_url + path)
    assert "contents_view" not in body and "def serve(" not in body, f"{path}: {status}"
    if path.startswith("voila/files/"):
        assert status == 403 or status == 404


def test_errors_are_kind_pages(voila_server):
    status, body = get(voila_server.base_url + "voila/render/no_such_dashboard.ipynb")
    assert status == 404
    assert "Traceback" not in body and "list of dashboards" in body


NOT_FOR_VISITORS = [
    "logout",  # was a bare 500
    "voila/files/x%00.png",  # was a bare 500
    "voila/templates/x",  # was a bare 500
    "voila/templates/lab/static/voila.js",  # Voila's templates are not the kit's
    "voila/api/contents",  # listed the dashboards' names, sizes and dates
    "voila/api/contents/",
    "no/such/address",  # was tornado's bare 404
]


@pytest.mark.parametrize("path", NOT_FOR_VISITORS)
def test_what_a_visitor_may_not_see_is_the_kits_no_such_page(voila_server, path):
    status, body = get(voila_server.base_url + path)
    assert status == 404, body[:300]
    assert "There is no such page" in body and "list of dashboards" in body


THEME = '"><img src=x onerror="window.themeRan = true">'


@pytest.mark.parametrize("template", ["", "&template=ickit"])
def test_the_address_writes_nothing_into_the_page(page, voila_server, open_dashboard, template):
    """?theme= was written unescaped into the page, so any page could send the trainer to a script."""
    page.goto(f"{voila_server.url(NOTEBOOK)}?theme={quote(THEME)}{template}")
    page.wait_for_selector(".jupyter-widgets", timeout=120_000)
    assert page.evaluate("window.themeRan") is None
    assert page.locator("img[src=x]").count() == 0
    assert page.get_attribute("body", "data-jp-theme-name") == "JupyterLab Light"


@pytest.fixture(scope="module")
def public_server(start_voila):
    return start_voila("--public", "--expect", "1", "--dashboard", "contents")


def test_public_requires_its_token(public_server):
    assert public_server.token, "the token was not printed"
    base = public_server.base_url
    status, body = get(base)
    assert "ickit-dashboards" not in body
    status, body = get(base + "voila/render/" + NOTEBOOK)
    assert "jupyter-config-data" not in body
    status, body = get(f"{base}?token=wrong")
    assert "ickit-dashboards" not in body
    status, body = get(f"{base}?token={public_server.token}")
    assert status == 200 and "ickit-dashboards" in body


def test_the_token_is_never_logged(public_server):
    """tornado printed the whole address of every failed request, token and all."""
    token = public_server.token
    for path in ["voila/static/nope", "voila/files/x%00.png", "logout", "voila/render/none.ipynb",
                 "api/kernels/abc", "voila/templates/x", "voila/api/shutdown/abc"]:
        get(f"{public_server.base_url}{path}?token={token}")
    logged = [line for line in public_server.log_text().splitlines() if token in line]
    assert logged == [f"  http://HOST:{public_server.port}/?token={token}"]  # the address to share


def test_public_websocket_needs_the_token(public_server):
    status, page = get(f"{public_server.base_url}voila/render/{NOTEBOOK}?token={public_server.token}")
    url = f"ws://127.0.0.1:{public_server.port}/api/kernels/{kernel_id(page)}/channels"
    with pytest.raises(HTTPClientError) as refused:
        run_apart(replies_to(url, [message("kernel_info_request", {})], None))
    assert refused.value.code == 403
