"""Reading content files safely, and the bytes of a content set as one storable snapshot.

Only regular files are read: a FIFO named `x.yaml` would block a plain `open()` forever and
a device could stream without end, so each is a problem instead. Files over MAX_FILE_BYTES
are refused before they are read (the largest real fact file is a few kilobytes; 10,000
benchmark cards fit in 100 files of 200 kB).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from bot.core.problems import Problem

MAX_FILE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file's bytes, named by the path shown in messages."""

    path: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The files of a content set: enough to build the same set again, e.g. after a restart."""

    facts: tuple[SourceFile, ...] = ()
    schedules: tuple[SourceFile, ...] = ()

    def to_bytes(self) -> bytes:
        """JSON of path -> text: a snapshot is only taken of files that decoded as UTF-8."""
        body = {
            "facts": {f.path: f.data.decode("utf-8") for f in self.facts},
            "schedules": {f.path: f.data.decode("utf-8") for f in self.schedules},
        }
        return json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, payload: bytes) -> Snapshot:
        body = json.loads(payload.decode("utf-8"))
        return cls(
            facts=tuple(SourceFile(p, t.encode("utf-8")) for p, t in body["facts"].items()),
            schedules=tuple(SourceFile(p, t.encode("utf-8")) for p, t in body["schedules"].items()),
        )

    def digest(self) -> str:
        return hashlib.sha256(self.to_bytes()).hexdigest()


def read_source(path: Path) -> SourceFile | Problem:
    """The file's bytes, or why it cannot be read: missing, not a regular file, too large."""
    display = str(path)
    try:
        info = path.stat()  # follows a symlink: a link to a FIFO is a FIFO
    except OSError as exc:
        return Problem(display, 1, 1, f"cannot read: {exc.strerror or exc}")
    if not stat.S_ISREG(info.st_mode):
        return Problem(display, 1, 1, _not_regular(info.st_mode))
    if info.st_size > MAX_FILE_BYTES:
        return Problem(display, 1, 1, _too_large(info.st_size))
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after the stat, open and read
        # return at once instead of waiting for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        return Problem(display, 1, 1, f"cannot read: {exc.strerror or exc}")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return Problem(display, 1, 1, _not_regular(info.st_mode))
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                return Problem(display, 1, 1, _too_large(size))
        return SourceFile(display, b"".join(chunks))
    except OSError as exc:
        return Problem(display, 1, 1, f"cannot read: {exc.strerror or exc}")
    finally:
        os.close(fd)


def _not_regular(mode: int) -> str:
    what = (
        "a FIFO"
        if stat.S_ISFIFO(mode)
        else "a folder"
        if stat.S_ISDIR(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    return f"not a regular file ({what}): only regular files are read"


def _too_large(size: int) -> str:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return f"the file is {size:,} bytes, more than the {limit} MiB limit: split it into several"
