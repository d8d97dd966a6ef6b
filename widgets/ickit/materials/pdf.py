"""HTML to PDF with WeasyPrint (which runs no JavaScript, so printed pages are plain HTML)."""

from __future__ import annotations

from pathlib import Path


class PdfUnavailable(RuntimeError):
    """WeasyPrint, or the system libraries it loads (pango), cannot be found."""


def to_pdf(html: str, base: Path) -> bytes:
    """The PDF of ``html``; relative links (fonts) resolve against the folder ``base``."""
    try:
        from weasyprint import HTML  # imported here: it loads pango, which only PDFs need
    except (ImportError, OSError) as err:
        raise PdfUnavailable(
            "the PDFs need WeasyPrint and pango (on Debian: apt-get install libpango-1.0-0 "
            "libpangoft2-1.0-0); `ickit slides --no-pdf` builds the decks and guide without them"
        ) from err
    return HTML(string=html, base_url=str(base.resolve()) + "/").write_pdf()
