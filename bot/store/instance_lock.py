"""One scheduler per SQLite file: an exclusive lock on a file next to the database.

SQLite means one instance (docs/delivery.md §6): two schedulers on one file would both
broadcast. A kernel file lock, unlike a lease row, is released the moment the holder dies,
so a bot restarted after `kill -9` starts at once instead of waiting for a lease to expire.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


class AnotherInstanceError(RuntimeError):
    """Another bot process already runs the scheduler on this SQLite database."""


class InstanceLock:
    def __init__(self, db_path: str) -> None:
        self.path = Path(f"{db_path}.lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        import fcntl  # POSIX only; imported here so the rest of the store loads anywhere

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise AnotherInstanceError(
                f"another bot is already running on {self.path.with_suffix('')}: SQLite "
                "supports one instance; use PostgreSQL (ADVOCACY_DB) to run several"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)  # closing drops the flock
            self._fd = None
