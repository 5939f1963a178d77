"""`advocacy-bot run` on a pseudo-terminal, as a person at a terminal runs it.

The bot's stdin and stdout are the slave side of a pty (so it sees a terminal: greeting,
prompt, Ctrl-C and Ctrl-D handled by the line discipline); its stderr is a pipe the test
reads separately. Every wait is for text to appear, with a deadline; nothing sleeps.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 60.0  # seconds; generous for a busy machine, never reached when things work


def _take_terminal() -> None:
    """In the child, after setsid: make the pty its controlling terminal, so the line
    discipline turns ^C into SIGINT for it, as a shell does for a foreground job."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _has_inotify_watch(pid: int) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    for fd in fds.iterdir():
        try:
            if str(fd.readlink()) != "anon_inode:inotify":
                continue
            info = Path(f"/proc/{pid}/fdinfo/{fd.name}").read_text(encoding="ascii")
        except OSError:  # the descriptor closed meanwhile
            continue
        if "inotify wd:" in info:
            return True
    return False


class Terminal:
    def __init__(self, *args: str, db: Path, cwd: Path = ROOT, log_level: str = "INFO") -> None:
        env = {k: v for k, v in os.environ.items() if not k.endswith("_BOT_TOKEN")}
        env |= {"ADVOCACY_DB": f"sqlite:///{db}", "ADVOCACY_LOG_LEVEL": log_level}
        env.pop("ADVOCACY_HTTP", None)
        master, slave = pty.openpty()
        self._master = master
        self.proc = subprocess.Popen(  # noqa: S603 - our own console script
            [sys.executable, "-m", "bot", "run", *args],
            stdin=slave,
            stdout=slave,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
            start_new_session=True,
            preexec_fn=_take_terminal,  # noqa: PLW1509 - one ioctl, nothing that can deadlock
        )
        os.close(slave)
        assert self.proc.stderr is not None
        self._err_fd = self.proc.stderr.fileno()
        self.out = ""
        self.err = ""

    # -- reading ----------------------------------------------------------------------------
    def _pump(self, timeout: float) -> bool:
        """Read what is there (waiting at most `timeout`); False once both ends are closed."""
        fds = [fd for fd in (self._master, self._err_fd) if fd >= 0]
        if not fds:
            return False
        ready, _, _ = select.select(fds, [], [], timeout)
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # EIO: the pty's other side is closed
                data = b""
            if not data:
                if fd == self._master:
                    self._master = -1
                else:
                    self._err_fd = -1
                continue
            text = data.decode("utf-8", "replace").replace("\r\n", "\n")
            if fd == self._err_fd:
                self.err += text
            else:
                self.out += text
        return True

    def expect(self, text: str, *, stream: str = "out", after: int = 0) -> int:
        """Wait until `text` appears in stdout (or stderr) past index `after`; its index."""
        end = time.monotonic() + DEADLINE
        while True:
            seen = self.out if stream == "out" else self.err
            if (at := seen.find(text, after)) >= 0:
                return at
            left = end - time.monotonic()
            if left <= 0 or not self._pump(min(left, 1.0)) and self.proc.poll() is not None:
                shown = f"--- out:\n{self.out}\n--- err:\n{self.err}"
                raise AssertionError(f"{text!r} never appeared on {stream}\n{shown}")

    def wait_until_watching(self) -> None:
        """Until the bot has an inotify watch (its file watcher is up), reading meanwhile."""
        end = time.monotonic() + DEADLINE
        while not _has_inotify_watch(self.proc.pid):
            if time.monotonic() > end or self.proc.poll() is not None:
                raise AssertionError(f"the file watcher never started\n{self.err}")
            self._pump(0.05)

    # -- typing -----------------------------------------------------------------------------
    def type(self, line: str) -> None:
        os.write(self._master, line.encode() + b"\n")

    def control(self, key: str) -> None:
        """Ctrl-<key> as the terminal's line discipline defines it (^C, ^D)."""
        attrs = termios.tcgetattr(self._master)
        index = {"c": termios.VINTR, "d": termios.VEOF}[key]
        os.write(self._master, attrs[6][index])

    def signal(self, sig: signal.Signals) -> None:
        self.proc.send_signal(sig)

    def wait(self) -> int:
        """The exit code, after reading everything the bot wrote."""
        end = time.monotonic() + DEADLINE
        while self._pump(min(max(end - time.monotonic(), 0.0), 1.0)):
            if time.monotonic() > end:
                break
        return self.proc.wait(timeout=DEADLINE)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self._master >= 0:
            os.close(self._master)
        if self.proc.stderr is not None:
            self.proc.stderr.close()
