"""The build step pyproject.toml cannot state: the kit's content, dashboards and slide assets,
kept at the top of the repository, are copied into the package (``ickit/shipped/``), so a kit
installed from its wheel finds them (``ickit.kit_files``). An editable install reads them where
they are."""

import runpy
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED_FOLDERS = runpy.run_path(str(ROOT / "widgets" / "ickit" / "kit_files.py"))["SHIPPED_FOLDERS"]


class BuildWithKitFiles(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return
        for source, target in SHIPPED_FOLDERS.items():
            shutil.copytree(ROOT / source, Path(self.build_lib, "ickit", "shipped", target),
                            dirs_exist_ok=True, ignore=shutil.ignore_patterns("plotly.js", ".*"))


setup(cmdclass={"build_py": BuildWithKitFiles})
