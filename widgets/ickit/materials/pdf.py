"""PDFs: printed pages from HTML with WeasyPrint (which runs no JavaScript), and the decks as
slides through Chromium's own printing. Both are tagged, with the page's title and language, so
that a screen reader can read them (WeasyPrint writes PDF/UA-1)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CHROMIUM_SECONDS = 180
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run",
                 "--disable-sync", "--virtual-time-budget=5000"]


class PdfUnavailable(RuntimeError):
    """WeasyPrint, the system libraries it loads (pango), or Chromium cannot be found or fails."""


def to_pdf(html: str, base: Path) -> bytes:
    """The PDF of ``html``; relative links (fonts) resolve against the folder ``base``."""
    try:
        from weasyprint import HTML  # imported here: it loads pango, which only PDFs need
    except (ImportError, OSError) as err:
        raise PdfUnavailable(
            "the PDFs need WeasyPrint and pango (on Debian: apt-get install libpango-1.0-0 "
            "libpangoft2-1.0-0); `ickit slides --no-pdf` builds the decks and guide without them"
        ) from err
    return HTML(string=html, base_url=str(base.resolve()) + "/").write_pdf(pdf_variant="pdf/ua-1")


def chromium() -> str:
    """The system's Chromium (``$BROWSER_PATH``, as kaleido reads it, or on the PATH)."""
    found = os.environ.get("BROWSER_PATH") or next(
        filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    if not found:
        raise PdfUnavailable("the decks' PDFs need Chromium (on Debian: apt-get install chromium); "
                             "`ickit slides --no-pdf` builds everything else")
    return found


def print_pages(pages: dict[Path, Path]) -> list[Path]:
    """Print each web page (a key) to its PDF (the value) with headless Chromium, two at a time."""
    browser = chromium()
    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(lambda item: _print(browser, *item), pages.items()))


def _print(browser: str, page: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with tempfile.TemporaryDirectory(prefix="ickit-chromium-") as profile:  # no shared profile lock
        try:
            done = subprocess.run([browser, *CHROMIUM_ARGS, f"--user-data-dir={profile}",
                                   f"--print-to-pdf={tmp}", page.resolve().as_uri()],
                                  capture_output=True, timeout=CHROMIUM_SECONDS)
        except subprocess.TimeoutExpired as err:
            raise PdfUnavailable(f"Chromium took over {CHROMIUM_SECONDS} s to print {page.name}") from err
    if done.returncode or not tmp.is_file():
        tmp.unlink(missing_ok=True)
        raise PdfUnavailable(f"Chromium could not print {page.name} (exit {done.returncode}): "
                             f"{done.stderr.decode(errors='replace').strip().splitlines()[-1:]}")
    os.replace(tmp, target)
    return target
