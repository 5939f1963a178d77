"""A real headless Chromium (the system package) looking at the site on 127.0.0.1.

The site is served from its in-memory mapping by a stdlib HTTP server bound to
127.0.0.1, and Chromium is started with every background service off and a resolver
that maps every host but 127.0.0.1 to nothing, so no request can leave the machine.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bot.site import Site

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--hide-scrollbars",
)


def chromium_path() -> str:
    found = shutil.which("chromium")
    if found is None:
        raise RuntimeError("Chromium is missing: apt-get install -y chromium (see .ci/run)")
    return found


@contextmanager
def serve(site: Site) -> Iterator[str]:
    """The site at http://127.0.0.1:<port>/ for the duration of the block."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path).lstrip("/") or "index.html"
            body = site.files.get(path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", site.media_type(path))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _run(profile: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    # The timeout only stops a hung browser from hanging the suite; nothing is timed.
    return subprocess.run(
        [chromium_path(), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        timeout=300,
        check=True,
    )


def dump_dom(profile: Path, url: str) -> str:
    """The DOM after Chromium loaded `url` (and ran whatever it would run)."""
    return _run(profile, "--dump-dom", url).stdout.decode("utf-8")


def screenshot(profile: Path, url: str, out: Path, size: str = "1280,1700") -> Path:
    _run(profile, f"--screenshot={out}", f"--window-size={size}", url)
    return out


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGBA or RGB bytes) of a non-interlaced 8-bit PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks += body
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6) and header[12] == 0, "only plain 8-bit RGB(A)"
    bpp = 4 if colour == 6 else 3
    raw, stride, rows = zlib.decompress(chunks), width * bpp, []
    prev = bytearray(stride)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def count_colour(data: bytes, rgb: tuple[int, int, int]) -> int:
    """How many pixels of the PNG `data` are exactly `rgb`."""
    width, _, rows = png_pixels(data)
    bpp = len(rows[0]) // width
    target = bytes(rgb)
    return sum(1 for row in rows for x in range(0, len(row), bpp) if row[x : x + 3] == target)
