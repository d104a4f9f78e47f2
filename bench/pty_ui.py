#!/usr/bin/python3
"""pty_ui.py: runs the full-screen UI on a real pseudo-terminal and measures what the terminal
receives, as an SSH client would: no help from the application.

    pty_ui.py first-frame [--cols C] [--rows R] -- COMMAND...
        seconds from launch (just before fork/exec) to the last byte of the first full frame:
        the first burst of output that holds both the header (DRY RUN) and the footer (q quit),
        ended by 150 ms of quiet. Prints: first_frame_s=S bytes=B
    pty_ui.py move-bytes [--cols C] [--rows R] [--key j] -- COMMAND...
        waits for the first full frame and quiet, presses the key once, and counts the bytes the
        UI writes in answer (until 500 ms of quiet). Prints: move_bytes=N frame_bytes=B

Either way the UI is then quit with q (and killed if it does not end within 5 s). The pty has a
fixed size (TIOCSWINSZ), TERM=xterm-256color; a cursor-position query (ESC [ 6 n), should the UI
send one, is answered as a terminal would.
"""

import argparse
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

HEADER = "DRY RUN"
FOOTER = "q quit"
ANSI = re.compile(rb"\x1b(\[[0-9;?]*[ -/]*[@-~]|[@-Z\\-_])")


def text(data):
    """The printable text of a terminal byte stream (escape sequences removed)."""
    return ANSI.sub(b"", data).decode("utf-8", "replace")


class Pty:
    def __init__(self, command, cols, rows):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
        env.pop("NO_COLOR", None)
        self.rows, self.cols = rows, cols
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     start_new_session=True,
                                     preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)
        self.buf = bytearray()

    def read(self, timeout):
        """Reads what arrives within timeout seconds; returns (bytes, time of the last byte)."""
        r, _, _ = select.select([self.master], [], [], timeout)
        if not r:
            return b"", None
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:
            return None, None  # the slave side closed: the process ended
        now = time.monotonic()
        if b"\x1b[6n" in data:
            os.write(self.master, b"\x1b[%d;%dR" % (self.rows, self.cols))
        return data, now

    def until_quiet(self, quiet, limit, wait_first=True):
        """Reads until `quiet` seconds pass without output (when wait_first, only after the
        first byte: up to `limit` for it); returns (bytes, time of the last byte)."""
        got = bytearray()
        last = None
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            data, now = self.read(quiet)
            if data is None:
                break
            if not data:
                if got or not wait_first:
                    break
                continue
            got += data
            last = now
        return bytes(got), last

    def first_frame(self, limit=30.0):
        """Reads until header and footer have both arrived and the burst has ended."""
        seen = bytearray()
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            data, now = self.read(0.5)
            if data is None:
                raise SystemExit("pty_ui: the UI ended before its first frame: %r" %
                                 bytes(seen[-400:]))
            seen += data
            shown = text(bytes(seen))
            if HEADER in shown and FOOTER in shown:
                rest, last = self.until_quiet(0.15, limit)
                seen += rest
                return (last or now) - self.t0, bytes(seen)
        raise SystemExit("pty_ui: no full frame within %.0f s: %r" % (limit, bytes(seen[-400:])))

    def quit(self):
        try:
            os.write(self.master, b"q")
            self.proc.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        finally:
            os.close(self.master)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["first-frame", "move-bytes"])
    p.add_argument("--cols", type=int, default=120)
    p.add_argument("--rows", type=int, default=40)
    p.add_argument("--key", default="j")
    argv = sys.argv[1:]
    if "--" not in argv:
        p.error("give the command after --")
    cut = argv.index("--")
    a = p.parse_args(argv[:cut])
    command = argv[cut + 1:]
    ui = Pty(command, a.cols, a.rows)
    try:
        seconds, frame = ui.first_frame()
        if a.what == "first-frame":
            print("first_frame_s=%.4f bytes=%d" % (seconds, len(frame)))
        else:
            late, _ = ui.until_quiet(0.5, 10, wait_first=False)  # not counted: not the move's
            if late:
                sys.stderr.write("pty_ui: %d bytes after the first frame, before the key\n"
                                 % len(late))
            os.write(ui.master, a.key.encode())
            answer, _ = ui.until_quiet(0.5, 10)
            print("move_bytes=%d frame_bytes=%d" % (len(answer), len(frame)))
            if os.environ.get("PTY_UI_DUMP"):
                sys.stderr.write(repr(answer) + "\n")
    finally:
        ui.quit()


if __name__ == "__main__":
    main()
