"""Shared fixtures: the kit's content, the repository's paths, and running a coroutine."""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ickit.content import load_content

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def content():
    return load_content(ROOT / "data")


@pytest.fixture
def run_async():
    """Run a coroutine to its end on an event loop of its own, in a thread of its own: the
    browser tests' Playwright keeps a loop running in the main thread."""
    def run(coroutine):
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, coroutine).result()
    return run
