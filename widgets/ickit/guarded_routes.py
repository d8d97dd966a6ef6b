"""The seminar server's routes, guarded: Voila's application with limits on what a request may
choose, the kit's page for every error, and the token kept out of the log.

- A dashboard page takes ``?template=`` only for the kit's own templates (anything else is "no
  such page", before any kernel starts) and ignores ``?theme=``. A kernel on demand refused by
  :mod:`ickit.kernel_cap` gives the kit's "the room is full" page (503, ``Retry-After``), and
  the kernel started for a page that never reached its visitor (the request failed, or its
  connection closed first) or could not be drawn (its rendering failed: the page ends with a short
  notice) is shut down at once instead of idling until it is culled.
- Every error is answered with the kit's pages (``error.html``, ``404.html``, ``503.html`` of its
  template), also on the routes Voila leaves to tornado's bare pages and for addresses that match
  no route; a path holding a NUL byte is not found (tornado's file handlers failed on it).
- Gone: the listing of the dashboards' folder (``/voila/api/contents``, which the kit's landing
  page does not use) and ``/logout``; template assets are served for the kit's templates only.
- Requests are logged by jupyter_server's ``log_request``, which hides tokens in addresses, and
  a filter takes the token out of every other line (tornado prints a failed request's address).

What it relies on in Voila and jupyter_server (the application's settings and routes, a page's
request, the cookie a page's kernel shutdown needs, ``log_request``, the logout route) is listed,
with the versions checked, in :mod:`ickit.upstream`.
"""

from __future__ import annotations

import logging
from urllib.parse import unquote

import tornado.web
import tornado.websocket
from jinja2 import TemplateNotFound
from jupyter_core.utils import ensure_async
from jupyter_server.base.handlers import APIHandler
from jupyter_server.log import log_request
from jupyter_server.utils import url_path_join
from voila.app import Voila
from voila.static_file_handler import TemplateStaticFileHandler
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler

from .kernel_cap import RoomFull, kernels_started_here

TEMPLATES = ("ickit", "ickit-reveal")  # what ?template= may name
RETRY_AFTER_SECONDS = 60


class KitErrorPages:
    """Mixin for a route's handler: its errors are the kit's pages, and a path holding a NUL
    byte is not found."""

    def prepare(self):
        if "\x00" in unquote(self.request.path):
            raise tornado.web.HTTPError(404)
        return super().prepare()

    def write_error(self, status_code: int, **kwargs) -> None:
        env = self.settings["voila_jinja2_env"]
        try:
            template = env.get_template(f"{status_code}.html")
        except TemplateNotFound:
            template = env.get_template("error.html")
        if status_code == 503:
            self.set_header("Retry-After", str(RETRY_AFTER_SECONDS))
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.write(template.render(base_url=self.settings["base_url"], status_code=status_code))


class NotFound(KitErrorPages, tornado.web.RequestHandler):
    """Any address that matches no route."""

    def prepare(self):
        raise tornado.web.HTTPError(404)


class RenderHandler(KitErrorPages, TornadoVoilaHandler):
    """A dashboard page, with the kit's choices of template and theme (see the module)."""

    def initialize(self, **kwargs) -> None:
        super().initialize(**kwargs)
        self.connection_gone = False
        self.render_failed = False  # set by upstream.end_failed_renders' renderer

    @tornado.web.authenticated
    async def get(self, path=None):
        if self.get_argument("template", None) not in (None, *TEMPLATES):
            raise tornado.web.HTTPError(404)
        for arguments in (self.request.arguments, self.request.query_arguments):
            arguments.pop("theme", None)
        self.xsrf_token  # sets the cookie that lets the page end its kernel once it is left
        with kernels_started_here() as started:
            try:
                await super().get(path)
            except RoomFull:
                raise tornado.web.HTTPError(503) from None
            except BaseException:
                await self.free(started)
                raise
            if self.connection_gone or self.render_failed:
                await self.free(started)

    def on_connection_close(self) -> None:
        self.connection_gone = True
        super().on_connection_close()

    async def free(self, kernel_ids: list[str]) -> None:
        """Shut down the kernels started for this page: nobody will connect to them."""
        why = "its page could not be drawn" if self.render_failed else "its page never reached anyone"
        for kernel_id in kernel_ids:
            if kernel_id in self.kernel_manager:
                self.log.info("ickit: shutting down kernel %s: %s", kernel_id, why)
                await ensure_async(self.kernel_manager.shutdown_kernel(kernel_id))


class HideToken(logging.Filter):
    """Replaces ``token`` in the text of every log record it sees."""

    def __init__(self, token: str):
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if self.token in text:
            record.msg, record.args = text.replace(self.token, "[secret]"), None
        return True


class GuardedVoila(Voila):
    """Voila's application with the kit's guarded routes (see the module)."""

    def init_settings(self) -> dict:
        settings = super().init_settings()
        settings["default_handler_class"] = NotFound
        settings["log_function"] = log_request
        return settings

    def init_handlers(self) -> list:
        return [guarded for route in super().init_handlers() if (guarded := self.guard(route))]

    def guard(self, route: tuple) -> tuple | None:
        """``route`` as the kit serves it, or ``None`` when the kit does not serve it."""
        pattern, handler, *rest = route
        if handler is VoilaContentsHandler or handler is self.identity_provider.logout_handler_class:
            return None
        if handler is TemplateStaticFileHandler:
            names = "|".join(TEMPLATES)
            pattern = url_path_join(self.server_url, rf"/voila/templates/((?:{names})/static/.*)")
        if handler is TornadoVoilaHandler:
            handler = RenderHandler
        elif not issubclass(handler, (APIHandler, tornado.websocket.WebSocketHandler)):
            handler = type(handler.__name__, (KitErrorPages, handler), {})
        return (pattern, handler, *rest)

    def start(self) -> None:
        if self.token:
            self.logging_config = {
                "filters": {"hide_token": {"()": HideToken, "token": self.token}},
                "handlers": {"console": {"filters": ["hide_token"]}},
                # tornado's own lines (a failed request, with its whole address) go there too
                "loggers": {"tornado": {"handlers": ["console"], "level": "WARNING",
                                        "propagate": False}},
            }
        super().start()
