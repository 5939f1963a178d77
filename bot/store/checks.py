"""Refusing a database that cannot be right, before anything connects to it or migrates it.

SQLite turns any empty file into a new, empty database, and the migrations then build fresh
tables in it: a zero-byte or truncated file (a failed copy, a full disk, a wrong volume)
would lose every subscription and the delivery ledger, and today's posts would go out a
second time. Only a missing file may be created; a file that exists must look like a whole
SQLite database. Every failure to reach a database ends in `DatabaseUnavailable`: one line
that names the database (never its password) and says what is wrong.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100  # bytes; the page size and page count live in it
CONNECT_TIMEOUT_S = 10.0  # PostgreSQL, unless the URL says connect_timeout=SECONDS


class DatabaseUnavailable(Exception):  # noqa: N818 - reads as what it reports
    """The database cannot be used; the message is one line for the operator."""


def describe(url: str | URL) -> str:
    """'the SQLite file /var/lib/bot.db' or 'the PostgreSQL database advocacy on
    db:5432 (user bot)': what an operator recognises, without the password."""
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        return f"the SQLite file {parsed.database or ':memory:'}"
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    user = f" (user {parsed.username})" if parsed.username else ""
    return f"the PostgreSQL database {parsed.database or '(default)'} on {where}{user}"


def check_sqlite_file(path: str) -> None:
    """Raise DatabaseUnavailable unless `path` is missing (to be created) or a whole database."""
    file = Path(path)
    try:
        with file.open("rb") as f:
            header = f.read(HEADER_SIZE)
        size = file.stat().st_size
    except FileNotFoundError:
        _check_folder(file)
        return
    except OSError as exc:
        raise DatabaseUnavailable(
            f"cannot read the SQLite file {path}: {exc.strerror or exc}"
        ) from None
    problem = _header_problem(header, size, wal=_has_content(Path(f"{path}-wal")))
    if problem:
        raise DatabaseUnavailable(
            f"the SQLite file {path} {problem}; the bot will not replace it with an empty "
            "database. Restore it from a backup, or move it away to start afresh."
        )


def _check_folder(file: Path) -> None:
    """The folder a new database file goes in: said here in words, not by the driver as
    "unable to open database file" (SQLite also needs it for its -wal and -shm files)."""
    folder = file.parent
    if not folder.is_dir():
        raise DatabaseUnavailable(
            f"cannot create the SQLite file {file}: the folder {folder} does not exist"
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseUnavailable(
            f"cannot create the SQLite file {file}: the folder {folder} is not writable"
        )


def _header_problem(header: bytes, size: int, *, wal: bool) -> str | None:
    if size == 0:
        return "is empty (0 bytes)"
    if not header.startswith(SQLITE_MAGIC):
        cut = SQLITE_MAGIC.startswith(header)
        return f"is truncated ({size} bytes)" if cut else "is not a SQLite database"
    if len(header) < HEADER_SIZE:
        return f"is truncated ({size} bytes)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counted = header[24:28] == header[92:96]  # the page count is valid only then
    # With a write-ahead log beside it, recent pages may live in the log, not the file.
    if counted and not wal and size < pages * page_size:
        return f"is truncated ({size} bytes of {pages * page_size})"
    return None


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False
