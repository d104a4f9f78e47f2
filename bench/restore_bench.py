"""Figure e of bench/run: restore --sandbox of 1,000 and 10,000 autofs mounts vs bench/floor.c
making the same system calls for the same mounts, both whole processes in a private mount
namespace on a fresh tmpfs.

Where this machine's kernel has autofs, both sides run here. Where it has none (these machines,
and CI), both run in one VM on a real Debian kernel (scripts/kernel-vm, the one the kernel tests
use), so ours and the floor still meet the same kernel; the figures are then labelled emulated:
qemu's software emulation (TCG) makes every instruction slower, the JVM's more than the floor's.
In the VM this file runs as `restore_bench.py --child SHARE`, on inputs the host copied there.
"""

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import Run, fmt_s, fmt_us, host_autofs_mounts, log, med, run  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
KEYS = ("floor 1k", "floor 10k", "floor+setpipefd 1k", "floor+setpipefd 10k", "ours 1k",
        "ours 10k")
EXPECTED = ["mkdir", "pipe", "mount", "stat", "openmount", "settimeout", "catatonic",
            "closemount", "close", "close"]  # then wait_owner for a live mount: no system call


def host_has_autofs():
    """Whether this kernel can mount autofs now or on demand (the module is there to load)."""
    with open("/proc/filesystems") as f:
        if any(line.split()[-1] == "autofs" for line in f if line.strip()):
            return True
    return os.path.exists("/dev/autofs")


def plan_to_floor(plan, root, path):
    """floor.c's input from `plan --json`: RELPATH SOURCE FLAGS OPTIONS-AFTER-PGRP TIMEOUT. Fails
    when a mount's steps are not exactly the calls floor.c makes."""
    n = 0
    with open(path, "w") as out:
        for m in plan["mounts"]:
            steps = [s for st in m["stages"] for s in st["steps"]]
            calls = [s["call"] for s in steps]
            if calls[-1:] == ["wait_owner"]:
                calls = calls[:-1]
            if calls != EXPECTED:
                raise SystemExit("bench: %s has steps %s; floor.c makes %s"
                                 % (m["mountpoint"], calls, EXPECTED))
            source, target, fstype, flags, options = steps[2]["args"]
            prefix = "fd=<pipe.write>,pgrp=<pgrp>,"
            assert fstype == "autofs" and options.startswith(prefix), steps[2]
            assert target.startswith(root + "/"), (target, root)
            out.write("\t".join([target[len(root):], source, flags, options[len(prefix):],
                                 steps[5]["args"][1]]) + "\n")
            n += 1
    return n


def floor_lists(java, dumps, work):
    """floor.c's inputs, from our `plan --json` of each dump (a pure function of the dump: the
    host makes them for the VM too)."""
    lists = {}
    for name, dump in dumps.items():
        plan = subprocess.run(java + ["plan", dump, "--root", "/bench-root", "--mkdir",
                                      "--owner", "handoff", "--json"],
                              check=True, capture_output=True, text=True).stdout
        lists[name] = os.path.join(work, "floor-%s.list" % name)
        n = plan_to_floor(json.loads(plan), "/bench-root", lists[name])
        assert n in (1000, 10000), n
    return lists


def measure(java, dumps, lists, floor_bin, work, state, reps, timeout):
    """The timed runs of both sides, alternating, on this kernel: {key: [Run]} and the failed runs
    of ours. `dumps` and `lists` map "1k" and "10k" to dump folders and floor.c's inputs."""
    env = dict(os.environ, XDG_STATE_HOME=state)
    froot = tempfile.mkdtemp(prefix="autofs-bench-floor-", dir="/tmp")

    def floor(name, setpipefd=False):
        cmd = ["unshare", "--mount", "--propagation", "private", floor_bin]
        return cmd + (["--setpipefd"] if setpipefd else []) + ["--tmpfs", froot, lists[name]]

    def ours(dump):
        return java + ["restore", dump, "--root", "/bench-root", "--owner", "handoff", "--yes",
                       "--mkdir", "--no-wait", "--sandbox"]

    def checked(cmd, **kw):
        r = run(cmd, env=env, **kw)
        n = host_autofs_mounts()
        if n:
            raise SystemExit("bench: %d autofs mounts in this mount table after %s" % (n, cmd))
        return r

    res = {k: [] for k in KEYS}
    failed = {}
    skip = {"ours 1k": False, "ours 10k": False}

    def ours_run(name, dump):
        """A run of ours; one over the time limit or failing is the answer: not repeated."""
        if skip[name]:
            return
        r = checked(ours(dump), stdout=os.path.join(work, name.replace(" ", "-") + ".out"),
                    timeout=timeout, check=False)
        log("   %s: %.3f s, exit status %d%s" % (name, r.seconds, r.rc,
                                                  ", stopped at the limit" if r.timed_out else ""))
        if r.timed_out:
            skip[name] = True
        elif r.rc != 0:
            skip[name] = True
            failed[name] = r
            return
        res[name].append(r)

    try:
        for cmd in (floor("1k"), floor("10k")):
            checked(cmd)  # warm-up of the floor only
        for i in range(reps):
            res["floor 1k"].append(checked(floor("1k")))
            res["floor+setpipefd 1k"].append(checked(floor("1k", True)))
            ours_run("ours 1k", dumps["1k"])
            res["floor 10k"].append(checked(floor("10k")))
            res["floor+setpipefd 10k"].append(checked(floor("10k", True)))
            ours_run("ours 10k", dumps["10k"])
            log("   repetition %d/%d done" % (i + 1, reps))
    finally:
        shutil.rmtree(froot, ignore_errors=True)
    return res, failed


class Figures:
    """Rows, spreads, raw times and notes of figure e, from the runs, for bench/run's report."""

    def __init__(self, res, failed, timeout, where):
        self.rows, self.spreads, self.raw, self.notes = [], [], {}, []
        self.where = where  # "" on this machine, else what the emulated kernel was
        self._make(res, failed, timeout)

    def row(self, figure, ours, peer, ratio, target, met):
        self.rows.append((figure + self.where, ours, peer, ratio, target,
                          "" if met is None else ("yes" if met else "**no**")))

    def _make(self, res, failed, timeout):
        for name, r in failed.items():
            self.notes.append("\n**%s failed**: exit status %d after %.3f s; its output is not "
                              "kept (run with --keep)." % (name, r.rc, r.seconds))
        for k, rs in res.items():
            self.raw[k] = [("> %.0f (timed out)" % r.seconds) if r.timed_out else round(r.seconds, 4)
                           for r in rs]
        self.spreads += [(k + self.where, rs) for k, rs in res.items()]
        f1, f10 = med(res["floor 1k"]), med(res["floor 10k"])
        s1, s10 = med(res["floor+setpipefd 1k"]), med(res["floor+setpipefd 10k"])
        o1, o10 = med(res["ours 1k"]), med(res["ours 10k"])
        one = "e. `restore --sandbox`, 1,000 autofs mounts, whole process"
        ten = "e. `restore --sandbox`, 10,000 autofs mounts, whole process"
        if o1 is None:
            self.row(one, "failed or over the limit (see below)", fmt_s(f1), "", "", False)
            return
        timed_out = any(r.timed_out for r in res["ours 10k"])
        if o10 is None and timed_out:
            o10_txt = "> %.0f s (timed out, 1 run)" % timeout
        elif o10 is None:
            o10_txt = "failed (see below)"
        else:
            o10_txt = fmt_s(o10)
        self.row(one, fmt_s(o1), "%s (floor; +SETPIPEFD %s)" % (fmt_s(f1), fmt_s(s1)),
                 "%.1fx" % (o1 / f1), "", None)
        if o10 is None and not timed_out:
            return
        if o10 is not None:
            ratio10, met10 = "%.1fx" % (o10 / f10), o10 / f10 <= 2
        else:
            ratio10, met10 = "> %.0fx" % (timeout / f10), False
        self.row(ten, o10_txt, "%s (floor; +SETPIPEFD %s)" % (fmt_s(f10), fmt_s(s10)), ratio10,
                 "<= 2x", met10)
        fper = (f10 - f1) / 9000
        sper = (s10 - s1) / 9000
        if o10 is not None:
            oper = (o10 - o1) / 9000
            per_txt, per_ratio, per_met = fmt_us(oper), "%.1fx" % (oper / fper), oper / fper <= 1.5
        else:
            oper = (timeout - o1) / 9000
            per_txt, per_ratio, per_met = "> " + fmt_us(oper), "> %.1fx" % (oper / fper), False
        self.row("e. per additional mount, (t10000 - t1000) / 9000", per_txt,
                 "%s (floor; +SETPIPEFD %s)" % (fmt_us(fper), fmt_us(sper)), per_ratio,
                 "<= 1.5x", per_met)


def on_this_machine(java, dumps, floor_bin, work, state, reps, timeout):
    log("e. restore vs the syscall floor, on this machine's kernel ...")
    lists = floor_lists(java, dumps, work)
    res, failed = measure(java, dumps, lists, floor_bin, work, state, reps, timeout)
    return Figures(res, failed, timeout, "")


def in_vm(java, dumps, floor_bin, work_out, reps, timeout, kernel):
    """Both sides in one VM on a Debian kernel: the inputs go to a share under /tmp, the child
    copies them onto the guest's own tmpfs (9p would time the share, not the restore); what ours
    printed comes back into `work_out`."""
    share = tempfile.mkdtemp(prefix="autofs-bench-vm-", dir="/tmp")
    try:
        # One tar per dump: copying 11,000 small image files one by one over 9p took the guest
        # ten minutes; one stream takes seconds.
        for name, dump in dumps.items():
            with tarfile.open(os.path.join(share, name + ".tar"), "w") as t:
                t.add(dump, arcname=name)
        shutil.copy2(floor_bin, os.path.join(share, "floor"))
        floor_lists(java, dumps, share)  # floor-1k.list, floor-10k.list
        with open(os.path.join(share, "job.json"), "w") as f:
            json.dump({"java": java, "reps": reps, "timeout": timeout}, f)
        vm = os.path.join(REPO, "scripts", "kernel-vm")
        release = subprocess.run([vm, "--kernel", kernel, "--print-kernel"], check=True,
                                 capture_output=True, text=True).stdout.strip()
        log("e. restore vs the syscall floor, both in a VM on Debian's %s kernel "
            "(emulated; a few minutes) ..." % release)
        budget = int(60 + reps * (2 * timeout + 120))
        p = subprocess.run([vm, "--kernel", kernel, "--rw", share, "--timeout", str(budget), "--",
                            sys.executable, os.path.abspath(__file__), "--child", share])
        result = os.path.join(share, "result.json")
        for name in ("ours-1k.out", "ours-10k.out"):
            if os.path.exists(os.path.join(share, name)):
                shutil.copy2(os.path.join(share, name), os.path.join(work_out, name))
        if p.returncode != 0 or not os.path.exists(result):
            raise SystemExit("bench: the restore figures in the VM failed (exit %d; the guest "
                             "console is in ~/.cache/autofs-restore/kernel-vm)" % p.returncode)
        with open(result) as f:
            got = json.load(f)
        res = {k: [Run(*r) for r in rs] for k, rs in got["runs"].items()}
        failed = {k: Run(*r) for k, r in got["failed"].items()}
        accel = got.get("accel", "qemu")
        return Figures(res, failed, timeout, " **(emulated: %s kernel, %s)**" % (got["kernel"],
                                                                               accel))
    finally:
        shutil.rmtree(share, ignore_errors=True)


def child(share):
    """In the VM: copies the inputs onto the guest's tmpfs, measures, writes result.json."""
    with open(os.path.join(share, "job.json")) as f:
        job = json.load(f)
    work = tempfile.mkdtemp(prefix="autofs-bench-", dir="/dev/shm")
    state = tempfile.mkdtemp(prefix="autofs-bench-state-", dir="/tmp")
    dumps = {}
    for name in ("1k", "10k"):
        dumps[name] = os.path.join(work, name)
        with tarfile.open(os.path.join(share, name + ".tar")) as t:
            t.extractall(work)  # our own tar, from the host (Python 3.11.2 has no filter=)
    floor_bin = os.path.join(work, "floor")
    shutil.copy2(os.path.join(share, "floor"), floor_bin)
    lists = {}
    for name in dumps:
        lists[name] = os.path.join(work, "floor-%s.list" % name)
        shutil.copy2(os.path.join(share, "floor-%s.list" % name), lists[name])
    res, failed = measure(job["java"], dumps, lists, floor_bin, work, state, job["reps"],
                          job["timeout"])

    for name in ("ours-1k.out", "ours-10k.out"):  # what ours printed, for a failed run
        if os.path.exists(os.path.join(work, name)):
            shutil.copy2(os.path.join(work, name), os.path.join(share, name))

    def plain(r):
        return [r.seconds, r.maxrss_kb, r.rc, r.timed_out]

    accel = os.environ.get("KERNEL_VM_ACCEL", "?")
    out = {"kernel": os.uname().release,
           "accel": "qemu TCG (software emulation)" if accel == "tcg" else "qemu " + accel,
           "runs": {k: [plain(r) for r in rs] for k, rs in res.items()},
           "failed": {k: plain(r) for k, r in failed.items()}}
    with open(os.path.join(share, "result.json"), "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    if sys.argv[1:2] != ["--child"] or len(sys.argv) != 3:
        raise SystemExit("usage: restore_bench.py --child SHARE (run by bench/run in the VM)")
    child(sys.argv[2])
