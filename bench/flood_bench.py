"""Figure g of bench/run: hold mode under a lookup flood. `restore --owner hold` holds one indirect
autofs mount (the fixture `indirect`) in a private mount namespace on a fresh tmpfs; then an
unprivileged process (bench/flood.c, as nobody, in its own session so the kernel treats it as a
stranger, not the owner) stat(2)s N distinct missing names under it, one after the other. Each is
a request the JVM reads from the pipe and answers FAIL ENOENT. Measured: the latency of one lookup
in the first and in the last tenth (mean and median), and the JVM's resident set (VmRSS) before
the flood and after it. A server whose cost per request grows with the requests before it shows a
last tenth slower than the first, and an RSS that grows with N.

Each side (ours, and with --flood-baseline the jar of another checkout, e.g. main before the
change) runs at each N, alternating, in one VM on a Debian kernel (scripts/kernel-vm), as figure
e does when this machine's kernel has no autofs; the figures are then labelled emulated. In the
VM this file runs as `flood_bench.py --child SHARE`, and each measurement as `--one SPEC` inside
`unshare --mount --propagation private`.

Standalone: flood_bench.py [--kernel 6.1] [--counts 10000,100000] [--timeout S]
            --side NAME=CHECKOUT ... (each checkout built, its ./autofs-restore launcher used)
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import log  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DUMP = os.path.join(REPO, "scripts", "testkit", "fixtures", "indirect")
HELD = "/srv/auto-a"  # the fixture's indirect mount
SERVING = "serving the kernel's requests"
# Paths the VM does not share from this machine: a checkout there must be shared read-write.
PRIVATE_IN_VM = ("/tmp/", "/run/", "/dev/shm/")


def launcher_java(checkout):
    """The java command line of CHECKOUT/autofs-restore, as it prints it."""
    env = dict(os.environ, AUTOFS_RESTORE_PRINT_COMMAND="1")
    env.pop("JAVA_OPTS", None)
    words = subprocess.run([os.path.join(checkout, "autofs-restore")], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True,
                           text=True).stdout.splitlines()
    assert words[-2] == "-jar", words
    return words


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise SystemExit("bench: no VmRSS for %d" % pid)


def one(spec):
    """One measurement, inside a private mount namespace: mounts a tmpfs, starts the holding
    restore, floods it, reads its RSS around the flood, stops it. Prints a JSON object."""
    root = tempfile.mkdtemp(prefix="flood-root-", dir="/tmp")
    state = tempfile.mkdtemp(prefix="flood-state-", dir="/tmp")
    subprocess.run(["mount", "-t", "tmpfs", "-o", "mode=755", "flood", root], check=True)
    out_path = os.path.join(state, "restore.out")
    env = dict(os.environ, XDG_STATE_HOME=state)
    with open(out_path, "w") as out:
        # Its own session: the owner's process group is the JVM's alone.
        jvm = subprocess.Popen(spec["java"] + ["restore", DUMP, "--root", root, "--owner", "hold",
                                               "--yes", "--mkdir"],
                               stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               env=env, start_new_session=True)
    result = {"n": spec["n"]}
    try:
        t0 = time.monotonic()
        while SERVING not in open(out_path).read():
            if jvm.poll() is not None or time.monotonic() - t0 > 600:
                raise SystemExit("bench: the restore did not start serving: "
                                 + open(out_path).read()[-2000:])
            time.sleep(0.2)
        result["start_s"] = round(time.monotonic() - t0, 2)
        time.sleep(2)  # settled
        result["rss_before_kb"] = rss_kb(jvm.pid)
        flood = subprocess.run([spec["flood"], root + HELD, str(spec["n"]), str(spec["timeout"])],
                               capture_output=True, text=True, start_new_session=True)
        if flood.returncode != 0:
            raise SystemExit("bench: flood failed: " + flood.stderr)
        result.update(json.loads(flood.stdout))
        result["rss_after_kb"] = rss_kb(jvm.pid)
        with open(out_path) as f:
            result["answered"] = sum(1 for line in f if "-> FAIL ENOENT" in line)
    finally:
        jvm.send_signal(signal.SIGTERM)
        try:
            jvm.wait(120)
        except subprocess.TimeoutExpired:
            jvm.kill()
            jvm.wait()
    print(json.dumps(result))


def child(share):
    """In the VM: every (N, side), alternating sides, each in its own private mount namespace."""
    with open(os.path.join(share, "job.json")) as f:
        job = json.load(f)
    results = []
    for n in job["counts"]:
        for name, java in job["sides"]:
            spec = {"java": java, "flood": os.path.join(share, "flood"), "n": n,
                    "timeout": job["timeout"]}
            log("g. %s, %d lookups ..." % (name, n))
            p = subprocess.run(["unshare", "--mount", "--propagation", "private", sys.executable,
                                os.path.abspath(__file__), "--one", json.dumps(spec)],
                               capture_output=True, text=True)
            if p.returncode != 0:
                r = {"n": n, "error": (p.stderr or p.stdout)[-1500:]}
            else:
                r = json.loads(p.stdout.strip().splitlines()[-1])
            r["side"] = name
            log("   %s" % json.dumps(r))
            results.append(r)
            with open(os.path.join(share, "result.json"), "w") as f:  # kept as it goes
                json.dump({"kernel": os.uname().release,
                           "accel": os.environ.get("KERNEL_VM_ACCEL", "?"),
                           "results": results}, f)


def in_vm(sides, counts, timeout, kernel, work):
    """Runs the child in a VM; returns its result.json (kernel, accel, results)."""
    share = tempfile.mkdtemp(prefix="autofs-flood-vm-", dir="/tmp")
    try:
        subprocess.run(["gcc", "-O2", "-Wall", "-o", os.path.join(share, "flood"),
                        os.path.join(HERE, "flood.c")], check=True)
        with open(os.path.join(share, "job.json"), "w") as f:
            json.dump({"sides": sides, "counts": counts, "timeout": timeout}, f)
        rw = ["--rw", share]
        for _, java in sides:
            jar = java[-1]
            if jar.startswith(PRIVATE_IN_VM):
                rw += ["--rw", os.path.dirname(os.path.dirname(os.path.dirname(jar)))]
        vm = os.path.join(REPO, "scripts", "kernel-vm")
        budget = int(300 + len(sides) * len(counts) * (timeout + 600))
        p = subprocess.run([vm, "--kernel", kernel] + rw + ["--timeout", str(budget), "--",
                           sys.executable, os.path.abspath(__file__), "--child", share])
        result = os.path.join(share, "result.json")
        if not os.path.exists(result):
            raise SystemExit("bench: the flood in the VM failed (exit %d; the guest console is in "
                             "~/.cache/autofs-restore/kernel-vm)" % p.returncode)
        with open(result) as f:
            got = json.load(f)
        if work:
            with open(os.path.join(work, "flood-result.json"), "w") as f:
                json.dump(got, f, indent=1)
        return got
    finally:
        shutil.rmtree(share, ignore_errors=True)


def cell(r):
    """One side's figures at one N, as a table cell."""
    if "error" in r:
        return "failed: %s" % r["error"].strip().splitlines()[-1][:200]
    done = "" if r["done"] == r["n"] else " (stopped at the time limit after %d)" % r["done"]
    return ("first tenth %.0f us (median %.0f), last tenth %.0f us (median %.0f); RSS %.1f -> "
            "%.1f MiB; %.1f s%s" % (r["first"]["mean_us"], r["first"]["median_us"],
                                    r["last"]["mean_us"], r["last"]["median_us"],
                                    r["rss_before_kb"] / 1024, r["rss_after_kb"] / 1024,
                                    r["seconds"], done))


def rows(got):
    """bench/run's rows: (figure, ours, peer, ratio, target, met) per N."""
    where = " **(emulated: %s kernel, %s)**" % (got["kernel"], "qemu TCG (software emulation)"
                                              if got["accel"] == "tcg" else "qemu " + got["accel"])
    by = {}
    for r in got["results"]:
        by.setdefault(r["n"], {})[r["side"]] = r
    out = []
    for n, sides in by.items():
        ours = sides.get("ours")
        peer = [r for name, r in sides.items() if name != "ours"]
        ratio, met = "", None
        if ours and "error" not in ours and ours["done"] == n:
            slow = ours["last"]["mean_us"] / ours["first"]["mean_us"]
            grow = (ours["rss_after_kb"] - ours["rss_before_kb"]) / 1024
            ratio = "last/first %.2fx, RSS %+.1f MiB" % (slow, grow)
            met = slow <= 1.5 and grow <= 64
        out.append(("g. hold mode, %s lookups of distinct missing names as nobody" % format(n, ","),
                    cell(ours) if ours else "not run",
                    "; ".join("%s: %s" % (p["side"], cell(p)) for p in peer) or "",
                    ratio, "last tenth <= 1.5x the first, RSS growth <= 64 MiB", met))
    return [(f + where, *rest) for f, *rest in out]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--side", action="append", default=[], help="NAME=CHECKOUT (built)")
    p.add_argument("--counts", default="10000,100000")
    p.add_argument("--timeout", type=float, default=1800, help="seconds per flood at most")
    p.add_argument("--kernel", default="6.1")
    p.add_argument("--out", default=None, help="where to write the JSON results")
    a = p.parse_args()
    sides = [(s.split("=", 1)[0], launcher_java(os.path.abspath(s.split("=", 1)[1])))
             for s in a.side]
    got = in_vm(sides, [int(c) for c in a.counts.split(",")], a.timeout, a.kernel, None)
    if a.out:
        with open(a.out, "w") as f:
            json.dump(got, f, indent=1)
    for r in rows(got):
        print("| %s |" % " | ".join("" if x is None else str(x) for x in r))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    elif sys.argv[1:2] == ["--one"]:
        one(json.loads(sys.argv[2]))
    else:
        main()
