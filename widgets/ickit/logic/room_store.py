"""Where workshop rooms keep their answers: one interface, two backends.

SQLite (the default, a file under ``~/.ickit/``) serves one machine: every dashboard kernel opens
the file itself, in WAL mode with a busy timeout, so dozens of kernels write at once. PostgreSQL
(``postgresql://...``) serves several ``ickit serve`` processes or machines sharing rooms. Both
run the same SQL through the standard library's ``sqlite3`` and ``psycopg`` 3: the kit needs a
dozen plain statements, which a query builder such as SQLAlchemy would only wrap.

Every write is one transaction that also checks the room's state (it exists, is not locked, is
in the round the participant answers) and bumps the room's ``version``, so a view that watches
the version sees every change; a write that returns has been committed.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import KitInputError

CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
CODE_LENGTH = 6
DEVICE_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")
BUSY_SECONDS = 10
FILE_NAME = "rooms.sqlite"

TABLES = """
CREATE TABLE IF NOT EXISTS rooms (
    code TEXT PRIMARY KEY, activity TEXT NOT NULL, title TEXT NOT NULL,
    quizzes TEXT NOT NULL, key_hash TEXT NOT NULL, created DOUBLE PRECISION NOT NULL,
    round INTEGER NOT NULL, revealed INTEGER NOT NULL, locked INTEGER NOT NULL,
    version INTEGER NOT NULL, shown_round INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS participants (
    code TEXT NOT NULL, pid TEXT NOT NULL, role TEXT, name TEXT,
    joined DOUBLE PRECISION NOT NULL, PRIMARY KEY (code, pid));
CREATE TABLE IF NOT EXISTS answers (
    code TEXT NOT NULL, round INTEGER NOT NULL, pid TEXT NOT NULL, item TEXT NOT NULL,
    value TEXT NOT NULL, answered DOUBLE PRECISION NOT NULL, PRIMARY KEY (code, round, pid, item));
CREATE TABLE IF NOT EXISTS consensus (
    code TEXT NOT NULL, item TEXT NOT NULL, value TEXT, note TEXT NOT NULL,
    recorded DOUBLE PRECISION NOT NULL, PRIMARY KEY (code, item));
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
# columns added since rooms first shipped, added to a store made before them, each with the
# statement that fills it in for the rooms already there
ADDED = (("rooms", "shown_round", "INTEGER NOT NULL DEFAULT 0",
          "UPDATE rooms SET shown_round = round WHERE revealed = 1"),)
# "rooms" first: deleting its row takes the room's lock, so no answer lands after the others go
ROOM_TABLES = ("rooms", "answers", "consensus", "participants")


class RoomError(KitInputError):
    """A room cannot be used as asked: unknown, deleted, locked, full, or a round that closed."""


class StoreUnavailable(KitInputError):
    """The store cannot be reached or is busy; the message says which store and what to do."""


@dataclass(frozen=True)
class Room:
    code: str
    activity: str
    title: str
    quizzes: tuple[str, ...]
    created: float
    round: int
    revealed: bool
    locked: bool
    version: int
    shown_round: int  # the last round whose results the trainer has shown (0: none)


@dataclass(frozen=True)
class NewRoom:
    code: str
    key: str  # the facilitator's key: only its hash is stored


@dataclass(frozen=True)
class Participant:
    pid: str
    role: str | None
    name: str | None
    joined: float


@dataclass(frozen=True)
class Agreed:
    value: str | None
    note: str


def normalise_code(text: str) -> str:
    """A room code as typed ('k7m 4qx', 'K7M-4QX') in the form the store keeps ('K7M4QX')."""
    return re.sub(r"[\s-]", "", text or "").upper()[:20]


def participant_id(code: str, device_key: str) -> str:
    """The participant a device is in a room: the device's secret key never reaches the store."""
    if not DEVICE_KEY.fullmatch(device_key or ""):
        raise RoomError("This browser gave no usable key; reload the page to join.")
    return hashlib.sha256(f"{code}\0{device_key}".encode()).hexdigest()[:32]


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def default_location() -> str:
    """``$ICKIT_ROOMS`` if set, else ``~/.ickit/rooms.sqlite``."""
    return os.environ.get("ICKIT_ROOMS") or str(Path.home() / ".ickit" / FILE_NAME)


def is_postgres(where: str) -> bool:
    return str(where).startswith(("postgresql://", "postgres://"))


def open_store(where: str | Path | None = None) -> "RoomStore":
    """The store at ``where``: a PostgreSQL URL, or a SQLite file's path (default
    :func:`default_location`). Raises :class:`StoreUnavailable` if it cannot be opened."""
    where = str(where or default_location())
    return PostgresStore(where) if is_postgres(where) else SQLiteStore(Path(where).expanduser())


class RoomStore:
    """Rooms, participants, answers and agreed ratings; subclasses connect and translate SQL."""

    placeholder = "?"

    # --- connection, made by each backend -------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator:
        raise NotImplementedError

    def _read(self, sql: str, args: tuple = ()) -> list[tuple]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _one(self, sql: str, args: tuple = ()) -> tuple | None:
        rows = self._read(sql, args)
        return rows[0] if rows else None

    # --- rooms ----------------------------------------------------------------------------------

    def create_room(self, activity: str, title: str, quizzes: tuple[str, ...] = (),
                    limit: int = 100) -> NewRoom:
        """A new room in its first round, results hidden; ``limit`` caps the rooms kept at once."""
        key = secrets.token_urlsafe(18)
        with self._transaction() as run:
            (count,) = run("SELECT COUNT(*) FROM rooms").fetchone()
            if count >= limit:
                raise RoomError(f"There are already {count} rooms; delete rooms you no longer "
                                "need (ickit room delete CODE) before opening another.")
            for _ in range(20):
                code = "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))
                if run("SELECT 1 FROM rooms WHERE code = ?", (code,)).fetchone() is None:
                    break
            run("INSERT INTO rooms (code, activity, title, quizzes, key_hash, created, round, "
                "revealed, locked, version, shown_round) VALUES (?, ?, ?, ?, ?, ?, 1, 0, 0, 1, 0)",
                (code, activity, title, ",".join(quizzes), key_hash(key), time.time()))
        return NewRoom(code, key)

    def room(self, code: str) -> Room | None:
        row = self._one("SELECT code, activity, title, quizzes, created, round, revealed, locked, "
                        "version, shown_round FROM rooms WHERE code = ?", (code,))
        if row is None:
            return None
        code, activity, title, quizzes, created, rnd, revealed, locked, version, shown = row
        return Room(code, activity, title, tuple(q for q in quizzes.split(",") if q), created,
                    rnd, bool(revealed), bool(locked), version, shown)

    def rooms(self) -> list[Room]:
        codes = [code for (code,) in self._read("SELECT code FROM rooms ORDER BY created")]
        return [room for room in map(self.room, codes) if room is not None]

    def version(self, code: str) -> int | None:
        """The room's version, which every change to it raises; ``None`` once it is deleted."""
        row = self._one("SELECT version FROM rooms WHERE code = ?", (code,))
        return row[0] if row else None

    def check_key(self, code: str, key: str) -> bool:
        row = self._one("SELECT key_hash FROM rooms WHERE code = ?", (code,))
        return row is not None and hmac.compare_digest(row[0], key_hash(key or ""))

    def set_state(self, code: str, *, revealed: bool | None = None, locked: bool | None = None) -> None:
        """Show or hide the results on participants' screens; lock or unlock the room. Showing
        them marks the round's results as shown, for the round after it; hiding them hides the last
        round's too."""
        with self._transaction() as run:
            self._lock(run, code)
            if revealed is not None:
                run("UPDATE rooms SET revealed = ? WHERE code = ?", (int(revealed), code))
                run("UPDATE rooms SET shown_round = " + ("round" if revealed else "0")
                    + " WHERE code = ?", (code,))
            if locked is not None:
                run("UPDATE rooms SET locked = ? WHERE code = ?", (int(locked), code))

    def next_round(self, code: str) -> int:
        """Open the next round: everyone's answers carry over, to be changed or kept; its results
        are hidden until revealed (the last round's stay shown if they were)."""
        with self._transaction() as run:
            # the round moves first, holding the room's row: an answer being written finishes
            # before (and is copied) or finds its round closed
            if not run("UPDATE rooms SET round = round + 1, revealed = 0, version = version + 1 "
                       "WHERE code = ?", (code,)).rowcount:
                raise RoomError("This room no longer exists.")
            (new,) = run("SELECT round FROM rooms WHERE code = ?", (code,)).fetchone()
            run("INSERT INTO answers (code, round, pid, item, value, answered) SELECT code, ?, pid, "
                "item, value, answered FROM answers WHERE code = ? AND round = ?", (new, code, new - 1))
        return new

    def delete_room(self, code: str) -> None:
        """The room and everything anyone gave in it."""
        with self._transaction() as run:
            for table in ROOM_TABLES:
                run(f"DELETE FROM {table} WHERE code = ?", (code,))

    def purge(self, days: float) -> int:
        """Delete rooms opened more than ``days`` ago, with their answers; how many went."""
        cutoff = time.time() - days * 86400
        with self._transaction() as run:
            codes = [c for (c,) in run("SELECT code FROM rooms WHERE created < ?", (cutoff,)).fetchall()]
            for code in codes:
                for table in ROOM_TABLES:
                    run(f"DELETE FROM {table} WHERE code = ?", (code,))
        return len(codes)

    # --- participants and answers ---------------------------------------------------------------

    def join(self, code: str, pid: str, limit: int = 500) -> Participant:
        """The participant ``pid`` in the room, added on their first visit."""
        row = self._one("SELECT role, name, joined FROM participants WHERE code = ? AND pid = ?",
                        (code, pid))
        if row is not None and self.version(code) is not None:
            return Participant(pid, *row)
        with self._transaction() as run:
            self._lock(run, code)
            (count,) = run("SELECT COUNT(*) FROM participants WHERE code = ?", (code,)).fetchone()
            if count >= limit:
                raise RoomError(f"This room is full ({count} people); ask the trainer.")
            # a second tab of the same browser may join at the same moment: the first one counts
            run("INSERT INTO participants (code, pid, role, name, joined) VALUES (?, ?, NULL, NULL, ?) "
                "ON CONFLICT (code, pid) DO NOTHING", (code, pid, time.time()))
            row = run("SELECT role, name, joined FROM participants WHERE code = ? AND pid = ?",
                      (code, pid)).fetchone()
        return Participant(pid, *row)

    def set_profile(self, code: str, pid: str, role: str | None, name: str | None) -> None:
        with self._transaction() as run:
            self._lock(run, code)
            run("UPDATE participants SET role = ?, name = ? WHERE code = ? AND pid = ?",
                (role, name, code, pid))

    def participants(self, code: str) -> list[Participant]:
        return [Participant(*row) for row in self._read(
            "SELECT pid, role, name, joined FROM participants WHERE code = ? ORDER BY joined, pid", (code,))]

    def answer(self, code: str, pid: str, round_: int, item: str, value: str | None) -> None:
        """Keep one answer (``None`` takes it back), if the room is open in ``round_``; once this
        returns the answer is committed."""
        with self._transaction() as run:
            changed = run("UPDATE rooms SET version = version + 1 WHERE code = ? AND locked = 0 "
                          "AND round = ?", (code, round_)).rowcount
            if not changed:
                room = self._room_or_error(run, code)
                raise RoomError("The trainer has locked this room: answers can no longer change."
                                if room[1] else "That round has closed: the page now shows the next one.")
            if run("SELECT 1 FROM participants WHERE code = ? AND pid = ?", (code, pid)).fetchone() is None:
                raise RoomError("This page has not joined the room; reload it to join.")
            if value is None:
                run("DELETE FROM answers WHERE code = ? AND round = ? AND pid = ? AND item = ?",
                    (code, round_, pid, item))
            else:
                run("INSERT INTO answers (code, round, pid, item, value, answered) VALUES "
                    "(?, ?, ?, ?, ?, ?) ON CONFLICT (code, round, pid, item) DO UPDATE SET "
                    "value = excluded.value, answered = excluded.answered",
                    (code, round_, pid, item, value, time.time()))

    def answers(self, code: str, round_: int) -> dict[str, dict[str, str]]:
        """Everyone's answers in a round: ``{participant: {item: value}}``."""
        out: dict[str, dict[str, str]] = {}
        for pid, item, value in self._read(
                "SELECT pid, item, value FROM answers WHERE code = ? AND round = ?", (code, round_)):
            out.setdefault(pid, {})[item] = value
        return out

    def all_answers(self, code: str) -> list[tuple[int, str, str, str, float]]:
        """Every answer of every round as ``(round, participant, item, value, answered)``."""
        return self._read("SELECT round, pid, item, value, answered FROM answers WHERE code = ? "
                          "ORDER BY round, answered, pid, item", (code,))

    def my_answers(self, code: str, pid: str, round_: int) -> dict[str, str]:
        return dict(self._read("SELECT item, value FROM answers WHERE code = ? AND pid = ? AND round = ?",
                               (code, pid, round_)))

    # --- the room's agreed answers --------------------------------------------------------------

    def agree(self, code: str, item: str, value: str | None, note: str) -> None:
        with self._transaction() as run:
            self._lock(run, code)
            run("INSERT INTO consensus (code, item, value, note, recorded) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (code, item) DO UPDATE SET value = excluded.value, note = excluded.note, "
                "recorded = excluded.recorded", (code, item, value, note, time.time()))

    def agreed(self, code: str) -> dict[str, Agreed]:
        return {item: Agreed(value, note) for item, value, note in self._read(
            "SELECT item, value, note FROM consensus WHERE code = ?", (code,))}

    # --- settings shared by the servers and the command line ------------------------------------

    def set_setting(self, name: str, value: str) -> None:
        with self._transaction() as run:
            run("INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET "
                "value = excluded.value", (name, value))

    def setting(self, name: str) -> str | None:
        row = self._one("SELECT value FROM settings WHERE name = ?", (name,))
        return row[0] if row else None

    # --- shared steps ---------------------------------------------------------------------------

    @staticmethod
    def _room_or_error(run, code: str) -> tuple:
        row = run("SELECT round, locked FROM rooms WHERE code = ?", (code,)).fetchone()
        if row is None:
            raise RoomError("This room no longer exists: the trainer may have closed it.")
        return row

    @staticmethod
    def _lock(run, code: str) -> None:
        """Raise the room's version, first in a change: that holds the room's row until the
        change commits, so a delete or a new round waits for it or it for them."""
        if not run("UPDATE rooms SET version = version + 1 WHERE code = ?", (code,)).rowcount:
            raise RoomError("This room no longer exists: the trainer may have closed it.")


class SQLiteStore(RoomStore):
    """Rooms in one SQLite file, shared by every kernel on this machine."""

    def __init__(self, path: Path):
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None,
                                      check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.executescript(TABLES)
            with self._transaction() as run:  # one process adds a column; the others wait, then see it
                for table, column, kind, fill in ADDED:
                    if column not in {row[1] for row in run(f"PRAGMA table_info({table})")}:
                        run(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
                        run(fill)
        except (OSError, sqlite3.Error) as err:
            raise StoreUnavailable(f"The rooms file {path} cannot be opened ({err}).") from err

    @contextmanager
    def _transaction(self) -> Iterator:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise self._unavailable(err) from err
        try:
            yield self.db.execute
        except sqlite3.Error as err:
            self.db.execute("ROLLBACK")
            raise self._unavailable(err) from err
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as err:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise self._unavailable(err) from err

    def _read(self, sql: str, args: tuple = ()) -> list[tuple]:
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.Error as err:
            raise self._unavailable(err) from err

    def _unavailable(self, err: sqlite3.Error) -> StoreUnavailable:
        if "locked" in str(err) or "busy" in str(err):
            return StoreUnavailable("The rooms file is busy just now; try again in a moment.")
        return StoreUnavailable(f"The rooms file {self.path} cannot be used ({err}).")

    def close(self) -> None:
        self.db.close()


class PostgresStore(RoomStore):
    """Rooms in a PostgreSQL database shared by several servers."""

    placeholder = "%s"

    def __init__(self, url: str):
        import psycopg  # only when rooms live in PostgreSQL

        self.psycopg, self.url = psycopg, url
        self.db = None
        self._connect()
        try:
            with self._transaction() as run:
                for statement in filter(str.strip, TABLES.split(";")):
                    run(statement)
        except (psycopg.errors.UniqueViolation, psycopg.errors.DuplicateTable):
            pass  # another server made the tables at the same moment
        for table, column, kind, fill in ADDED:
            # asked first: ALTER TABLE locks the table even when the column is there already
            if self._one("SELECT 1 FROM information_schema.columns WHERE table_schema = "
                         "current_schema() AND table_name = ? AND column_name = ?", (table, column)):
                continue
            try:
                with self._transaction() as run:
                    run(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
                    run(fill)
            except psycopg.errors.DuplicateColumn:
                pass  # another server added it at the same moment

    def where(self) -> str:
        """The database's address without its password, for messages."""
        try:
            info = self.psycopg.conninfo.conninfo_to_dict(self.url)
        except self.psycopg.Error:
            return "the PostgreSQL address given"
        host = info.get("host") or "localhost"
        return f"PostgreSQL database '{info.get('dbname', '')}' on {host}:{info.get('port') or 5432}"

    def _connect(self) -> None:
        try:
            self.db = self.psycopg.connect(self.url, autocommit=True, connect_timeout=5)
        except self.psycopg.Error as err:
            reason = str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
            raise StoreUnavailable(f"The rooms store cannot be reached: {self.where()} "
                                   f"({reason[:200]}). Check the --rooms address.") from err

    def _live(self):
        if self.db is None or self.db.closed or self.db.broken:
            self._connect()
        return self.db

    @contextmanager
    def _transaction(self) -> Iterator:
        db = self._live()
        try:
            with db.transaction():
                yield lambda sql, args=(): db.execute(self._sql(sql), args)
        except self.psycopg.OperationalError as err:
            raise StoreUnavailable(f"The rooms store ({self.where()}) stopped answering; "
                                   "try again in a moment.") from err

    def _read(self, sql: str, args: tuple = ()) -> list[tuple]:
        try:
            return self._live().execute(self._sql(sql), args).fetchall()
        except self.psycopg.OperationalError as err:
            raise StoreUnavailable(f"The rooms store ({self.where()}) stopped answering; "
                                   "try again in a moment.") from err

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
