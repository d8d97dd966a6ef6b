"""The addresses of a room and its QR code, drawn here (``segno``, pure Python), never by a service.

The base address is the one participants reach the server by: ``ickit serve`` records it (with
the token of a public server) in the environment of its kernels and in the rooms store.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from urllib.parse import urlencode

JOIN_NOTEBOOK = "room.ipynb"
FACILITATOR_NOTEBOOK = "room_facilitator.ipynb"
BASE_SETTING = "join_base"  # the store's setting: the base address `ickit serve` last recorded


@dataclass(frozen=True)
class Server:
    """Where participants reach the seminar server: its base address and a public one's token."""

    base: str
    token: str = ""

    @classmethod
    def from_env(cls) -> "Server | None":
        """The server this kernel runs under, as ``ickit serve`` describes it; ``None`` outside it."""
        base = os.environ.get("ICKIT_JOIN_BASE")
        return cls(base, os.environ.get("ICKIT_JOIN_TOKEN", "")) if base else None

    def _address(self, notebook: str, **query: str) -> str:
        if self.token:
            query["token"] = self.token
        address = f"{self.base.rstrip('/')}/voila/render/{notebook}"
        return f"{address}?{urlencode(query)}" if query else address

    def join(self, code: str) -> str:
        return self._address(JOIN_NOTEBOOK, room=code)

    def join_page(self) -> str:
        """The page where participants type a room's code."""
        return self._address(JOIN_NOTEBOOK)

    def facilitate(self, code: str, key: str) -> str:
        return self._address(FACILITATOR_NOTEBOOK, room=code, key=key)

    @property
    def local(self) -> bool:
        return "//127.0.0.1" in self.base or "//localhost" in self.base


def qr_svg(url: str, label: str) -> str:
    """``url`` as a QR code in inline SVG that scales to its box, named ``label`` for screen readers."""
    import segno

    svg = segno.make(url, error="m").svg_inline(scale=6, border=2, omitsize=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)
