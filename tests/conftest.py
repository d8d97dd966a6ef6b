"""Shared fixtures: the kit's content, the repository's paths, and running a coroutine."""

import asyncio
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ickit.content import clear_cache, load_content

ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config):
    """Parsed content of the many data folders the tests make is cached in a folder of the
    run's own, removed at the end, not in the user's cache (it grew by about 100 files a run)."""
    config.ickit_cache = tempfile.mkdtemp(prefix="ickit-test-cache-")
    os.environ["XDG_CACHE_HOME"] = config.ickit_cache


def pytest_unconfigure(config):
    shutil.rmtree(getattr(config, "ickit_cache", ""), ignore_errors=True)


@pytest.fixture(autouse=True)
def rooms_of_the_test(tmp_path, monkeypatch):
    """Workshop rooms of each test in a file of its own, never in the user's ~/.ickit."""
    monkeypatch.setenv("ICKIT_ROOMS", str(tmp_path / "rooms.sqlite"))


@pytest.fixture(scope="session")
def content():
    return load_content(ROOT / "data")


@pytest.fixture
def data_copy(tmp_path):
    """A copy of data/ to break, in a folder of the test's own; the content cache is cleared
    before and after, so no test sees another's content."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    clear_cache()
    yield target
    clear_cache()


@pytest.fixture
def run_async():
    """Run a coroutine to its end on an event loop of its own, in a thread of its own: the
    browser tests' Playwright keeps a loop running in the main thread."""
    def run(coroutine):
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, coroutine).result()
    return run


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server of the tests' own (Debian's postgresql), on a loopback port; the
    tests that need it are skipped with the reason where it cannot start, and fail in CI."""
    import pg_server

    try:
        server = pg_server.start()
    except pg_server.Unavailable as err:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is needed in CI: {err}")
        pytest.skip(f"no PostgreSQL for the room store tests: {err}")
    yield server
    pg_server.remove(server)
