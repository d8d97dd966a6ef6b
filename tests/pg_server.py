"""A throwaway PostgreSQL server for the tests: Debian's ``postgresql`` binaries, a cluster in a
temporary folder, listening on a free loopback port, stopped at the end.

As root (CI), the cluster belongs to the ``postgres`` user the Debian package creates, since
PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


class Unavailable(Exception):
    """No PostgreSQL server can be started here; the message says why."""


def binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise Unavailable("Debian's postgresql is not installed (apt-get install postgresql)")
    return Path(found[-1]).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    folder: Path
    port: int
    bin: Path
    user: str | None  # run the server as this user (as root)

    @property
    def url(self) -> str:
        return f"postgresql://kit@127.0.0.1:{self.port}/rooms"

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        command = ["runuser", "-u", self.user, "--", *argv] if self.user else list(argv)
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-l",
                  str(self.folder / "log"), "-w", "-o",
                  f"-p {self.port} -h 127.0.0.1 -k {self.folder} -c max_connections=400 "
                  "-c fsync=on", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", mode, "-w",
                  "stop", check=False)

    def log(self) -> str:
        path = self.folder / "log"
        return path.read_text(errors="replace") if path.exists() else ""


def start() -> Server:
    """A new cluster with a database ``rooms`` that user ``kit`` owns, trusted on loopback."""
    bin_dir = binaries()
    user = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise Unavailable("running as root, and there is no 'postgres' user to run PostgreSQL")
        user = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="ickit-pg-"))
    if user:
        shutil.chown(folder, user)
    server = Server(folder, free_port(), bin_dir, user)
    try:
        server._run(str(bin_dir / "initdb"), "-D", str(folder / "data"), "-U", "kit",
                    "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        server.start()
        server._run(str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(server.port),
                    "-U", "kit", "rooms")
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as err:
        detail = getattr(err, "stderr", "") or ""
        shutil.rmtree(folder, ignore_errors=True)
        raise Unavailable(f"PostgreSQL would not start: {err} {detail.strip()[-300:]}")
    return server


def remove(server: Server) -> None:
    server.stop("immediate")
    deadline = time.monotonic() + 10
    while (server.folder / "data" / "postmaster.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    shutil.rmtree(server.folder, ignore_errors=True)
