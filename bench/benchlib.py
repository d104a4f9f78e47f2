"""What every benchmark of bench/run shares: whole-process runs timed fork to reap, medians and
their formatting, and the machine's CPU use (other processes skew every figure)."""

import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def cpu_busy(seconds=1.0):
    """The fraction of all CPUs' time spent outside idle/iowait over `seconds`."""
    def sample():
        f = open("/proc/stat").readline().split()[1:]
        v = list(map(int, f))
        return sum(v), v[3] + v[4]
    t1, i1 = sample()
    time.sleep(seconds)
    t2, i2 = sample()
    return 1.0 - (i2 - i1) / max(1, t2 - t1)


def busy_seconds():
    """CPU seconds all CPUs spent outside idle and iowait since boot (/proc/stat)."""
    v = list(map(int, open("/proc/stat").readline().split()[1:]))
    return (sum(v[:8]) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds():
    """CPU seconds of this process and every descendant it (or they) waited for."""
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    me = resource.getrusage(resource.RUSAGE_SELF)
    return c.ru_utime + c.ru_stime + me.ru_utime + me.ru_stime


def host_autofs_mounts():
    with open("/proc/self/mountinfo") as f:
        return sum(1 for line in f if " - autofs " in line)


class Run:
    """One whole-process run: wall seconds (monotonic, fork to reap), peak RSS, exit status."""

    def __init__(self, seconds, maxrss_kb, rc, timed_out=False):
        self.seconds, self.maxrss_kb, self.rc, self.timed_out = seconds, maxrss_kb, rc, timed_out


def run(cmd, stdout=None, timeout=None, env=None, check=True):
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    err = tempfile.TemporaryFile()
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env,
                         start_new_session=True)
    killed = []
    reaped = threading.Event()
    lock = threading.Lock()

    def signal_group(sig):
        with lock:  # never after the reap: the pid (and group id) may be reused at once
            if not reaped.is_set():
                try:
                    os.killpg(p.pid, sig)
                except ProcessLookupError:
                    pass

    def kill():
        killed.append(True)
        signal_group(signal.SIGTERM)  # our restore parks on SIGTERM
        if not reaped.wait(30):
            signal_group(signal.SIGKILL)

    timer = threading.Timer(timeout, kill) if timeout else None
    if timer:
        timer.daemon = True
        timer.start()
    # wait without reaping, so that the timer never signals a reused group id, then reap
    os.waitid(os.P_PID, p.pid, os.WEXITED | os.WNOWAIT)
    with lock:
        reaped.set()
        _, status, ru = os.wait4(p.pid, 0)
    seconds = time.monotonic() - t0
    if timer:
        timer.cancel()
    p.returncode = os.waitstatus_to_exitcode(status)
    if stdout:
        out.close()
    if killed:
        return Run(seconds, ru.ru_maxrss, p.returncode, timed_out=True)
    if check and p.returncode != 0:
        err.seek(0)
        raise SystemExit("bench: %s exited %d:\n%s" % (" ".join(cmd), p.returncode,
                                                        err.read().decode()[-3000:]))
    return Run(seconds, ru.ru_maxrss, p.returncode)


def med(runs):
    xs = [r.seconds for r in runs if not r.timed_out]
    return statistics.median(xs) if xs else None


def fmt_s(x):
    if x is None:
        return "-"
    return "%.3f s" % x if x >= 0.1 else "%.1f ms" % (x * 1000)


def fmt_us(x):
    return "-" if x is None else "%.1f µs" % (x * 1e6)


def spread(runs):
    xs = sorted(r.seconds for r in runs if not r.timed_out)
    over = [r.seconds for r in runs if r.timed_out]
    text = "%d runs, %s..%s" % (len(xs), fmt_s(xs[0]), fmt_s(xs[-1])) if xs else ""
    if over:
        text += ("; " if text else "") + "%d run(s) stopped at the time limit (%s)" % (
            len(over), ", ".join(fmt_s(x) for x in over))
    return text

