"""The kit installed from its wheel runs anywhere: the wheel is built from the checkout's files,
installed in a fresh virtualenv and run from a folder outside the checkout, and `ickit check`,
`ickit slides` and `ickit serve` (every dashboard drawn) work from the copies it carries.

The fresh virtualenv takes the kit's dependencies from the test environment (a .pth file, and
JUPYTER_PATH for their Jupyter files), so nothing is downloaded but pip's build requirements
(setuptools); the kit itself comes only from the wheel.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

from ickit.upstream import cells_without_outputs

ROOT = Path(__file__).resolve().parents[1]


def run(*argv, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in argv], capture_output=True, text=True, **kwargs)
    print(result.stdout[-3000:], result.stderr[-3000:])
    return result


def checkout_files(target: Path) -> None:
    """Copy the checkout's files as a fresh clone would have them (tracked, or new and not
    ignored), without anything built in it."""
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    assert listed.returncode == 0
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """``(python, ickit, env, cwd)``: a fresh virtualenv with the kit's wheel installed, and a
    folder outside the checkout to run it from."""
    tmp = tmp_path_factory.mktemp("wheel")
    checkout_files(tmp / "src")
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist",
                tmp / "src")
    assert built.returncode == 0, "the wheel could not be built"
    (wheel,) = (tmp / "dist").glob("ickit-*.whl")
    venv = tmp / "venv"
    assert run(sys.executable, "-m", "venv", "--without-pip", venv).returncode == 0
    python = venv / "bin" / "python"
    assert run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
               "--no-index", wheel).returncode == 0
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site.stdout.strip(), "test-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ICKIT_DATA")}
    env.update(JUPYTER_PATH=str(Path(sys.prefix, "share", "jupyter")), PYTHONUNBUFFERED="1")
    cwd = tmp / "elsewhere"
    cwd.mkdir()
    return python, venv / "bin" / "ickit", env, cwd


def test_the_kit_comes_from_the_wheel(installed):
    python, _, env, cwd = installed
    found = run(python, "-c", "import ickit, ickit.kit_files as k; print(ickit.__file__, "
                "k.IN_CHECKOUT)", env=env, cwd=cwd)
    where, in_checkout = found.stdout.split()
    assert Path(where).is_relative_to(python.parents[1]) and in_checkout == "False"


def test_check(installed):
    _, ickit, env, cwd = installed
    result = run(ickit, "check", env=env, cwd=cwd)
    assert result.returncode == 0 and "data/ is valid" in result.stdout


def test_slides_are_written_into_the_current_folder_and_open_from_it(installed):
    _, ickit, env, cwd = installed
    assert run(ickit, "slides", env=env, cwd=cwd).returncode == 0
    slides = cwd / "slides"
    assert (slides / "index.html").is_file() and list((slides / "handouts").glob("*.pdf"))
    for page in slides.glob("*.html"):
        for link in re.findall(r'(?:href|src)="([^"#:?]+)"', page.read_text(encoding="utf-8")):
            assert (slides / link).is_file(), f"{page.name} links {link}, which is missing"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_draws_every_dashboard(installed, content, tmp_path):
    _, ickit, env, cwd = installed
    port, log = free_port(), tmp_path / "serve.log"
    dashboards = [d.notebook for d in content.dashboards]
    with log.open("wb") as out:
        server = subprocess.Popen([ickit, "serve", "--no-browser", "--port", str(port),
                                   "--expect", str(len(dashboards))],
                                  env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 600
        while "ickit: ready:" not in log.read_text(errors="replace"):
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(1)
        ready = re.search(r"ickit: ready: .*", log.read_text()).group()
        assert ready.startswith(f"ickit: ready: {len(dashboards)} kernel(s) have drawn their "
                                "dashboards; people"), log.read_text()
        for notebook in dashboards:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/render/{notebook}",
                                        timeout=120) as response:
                page = response.read().decode("utf-8")
            assert "application/vnd.jupyter.widget-view+json" in page, notebook
            assert cells_without_outputs(page) == 0, notebook
    finally:
        server.terminate()
        server.wait(timeout=60)
