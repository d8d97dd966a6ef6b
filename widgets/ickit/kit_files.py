"""Where the kit's own files are: ``data/``, ``notebooks/dashboards/`` and ``slides/`` at the top of
the checkout ``ickit`` runs from, or, in a kit installed from its wheel (``pip install .``), the
copies the wheel carries in ``ickit/shipped/`` (``setup.py`` puts them there when it builds).

``$ICKIT_DATA`` (or ``--data``) still names another content folder (``ickit.content.loader``).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parents[1]  # widgets/ickit -> the repository, when ickit runs from one
IN_CHECKOUT = (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "data").is_dir()
SHIPPED = PACKAGE / "shipped"
# the kit's one copy of reveal.js, where Voila serves it to the live decks (the ickit-reveal
# template); `ickit slides` copies it beside the decks
REVEAL_JS = PACKAGE / "share" / "voila" / "templates" / "ickit-reveal" / "static" / "reveal.js-4.6.1"
# what setup.py copies into the wheel: folder in the checkout -> folder in ickit/shipped/
SHIPPED_FOLDERS = {"data": "data", "notebooks/dashboards": "dashboards",
                   "slides/vendor": "slides/vendor"}


def kit_folder(checkout_path: str) -> Path:
    """One of :data:`SHIPPED_FOLDERS`, by its path in the checkout, where this kit has it."""
    if IN_CHECKOUT:
        return CHECKOUT / checkout_path
    return SHIPPED / SHIPPED_FOLDERS[checkout_path]
