#!/usr/bin/python3
"""jfr_top.py RECORDING.jfr... [-n N]: the top frames of a JFR recording's execution samples
(jdk.ExecutionSample and jdk.NativeMethodSample): self (top of stack) and inclusive (anywhere
on the stack, once per sample), by method, and inclusive by the first frame of this project
(org.autofsrestore) on each stack. Several recordings (e.g. of repeated short runs) are added
up."""
import collections
import json
import subprocess
import sys


def frames(event):
    st = event["values"].get("stackTrace") or {}
    out = []
    for f in st.get("frames", []):
        m = f["method"]
        out.append("%s.%s" % (m["type"]["name"].replace("/", "."), m["name"]))
    return out


def main():
    args = sys.argv[1:]
    n = 15
    if "-n" in args:
        i = args.index("-n")
        n = int(args[i + 1])
        del args[i:i + 2]
    events = []
    for path in args:
        raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "256", "--events",
                              "jdk.ExecutionSample,jdk.NativeMethodSample", path],
                             check=True, capture_output=True, text=True).stdout
        events += json.loads(raw)["recording"]["events"]
    selfc, incl, ours = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for e in events:
        fr = frames(e)
        if not fr:
            continue
        total += 1
        selfc[fr[0]] += 1
        for f in set(fr):
            incl[f] += 1
        mine = [f for f in fr if f.startswith("org.autofsrestore") and "$$Lambda" not in f]
        if mine:
            ours[mine[0]] += 1
    print("%d samples in %d recording(s)" % (total, len(args)))
    for title, c in (("self", selfc), ("inclusive", incl), ("innermost project frame", ours)):
        print("\n%s:" % title)
        for f, k in c.most_common(n):
            print("  %5.1f%%  %4d  %s" % (100.0 * k / total, k, f))


main()
