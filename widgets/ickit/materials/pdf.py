"""HTML to PDF with WeasyPrint (which runs no JavaScript, so printed pages are plain HTML)."""

from __future__ import annotations

from pathlib import Path


def to_pdf(html: str, base: Path) -> bytes:
    """The PDF of ``html``; relative links (fonts) resolve against the folder ``base``."""
    from weasyprint import HTML  # imported here: it loads pango, which only PDFs need

    return HTML(string=html, base_url=str(base.resolve()) + "/").write_pdf()
