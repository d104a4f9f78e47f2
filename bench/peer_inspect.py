#!/usr/bin/python3
"""The pycriu peer of `autofs-restore inspect --json`: what an operator would write with CRIU's
own Python library (pycriu, Debian package criu) to list a dump's autofs mounts with their owner,
pipe fd and catatonic state.

It reads the same files as inspect: every mountpoints-*.img, the autofs-N.img of each autofs
mount, pstree.img, and for the owners only their ids-PID.img and fdinfo-N.img, plus files.img.
Everything goes through pycriu.images.load (protobuf -> dict), the library's one entry point.

    peer_inspect.py DIR          prints {"autofs_mounts": [{mountpoint, owner_pid, pipe_fd,
                                 catatonic}]} as JSON

The owner chain is the one docs/DESIGN.md section 3 gives and inspect follows: autofs-N.img pgrp
-> the pstree task with that pid -> its ids (files_id) -> fdinfo-FILESID.img entry for read_fd
(when set) else fd -> files.img entry, which must be a pipe whose pipe_id is the options'
pipe_ino. fd == -1 is catatonic (no owner).
"""

import glob
import json
import os
import sys

import pycriu.images as images

AUTOFS_FSTYPE = 18  # mnt_entry.fstype: fstype enum AUTOFS


def load(path):
    with open(path, "rb") as f:
        return images.load(f)["entries"]


def option(options, name):
    for word in options.split(","):
        if word.startswith(name + "="):
            return word[len(name) + 1:]
    return None


def main(directory):
    mounts = []
    for table in sorted(glob.glob(os.path.join(directory, "mountpoints-*.img"))):
        ns = int(os.path.basename(table)[len("mountpoints-"):-len(".img")])
        for m in load(table):
            if m["fstype"] == AUTOFS_FSTYPE:
                mounts.append((ns, m))
    mounts.sort(key=lambda nm: (nm[0], nm[1]["mnt_id"]))

    tasks = {t["pid"]: t for t in load(os.path.join(directory, "pstree.img"))}
    files = None  # files.img, read once, when the first owner needs it
    fd_tables = {}

    out = []
    for _ns, m in mounts:
        row = {"mountpoint": m["mountpoint"], "owner_pid": None, "pipe_fd": None,
               "catatonic": None}
        out.append(row)
        pipe_ino = option(m["options"], "pipe_ino")
        pipe_ino = int(pipe_ino) if pipe_ino is not None else None
        try:
            autofs = load(os.path.join(directory, "autofs-%d.img" % m["root_dev"]))[0]
        except Exception:  # missing or damaged: no owner from the image
            fd = option(m["options"], "fd")
            row["catatonic"] = fd == "-1"
            continue
        row["catatonic"] = autofs["fd"] == -1
        if row["catatonic"]:
            continue
        task = tasks.get(autofs["pgrp"])
        if task is None:
            continue
        row["owner_pid"] = task["pid"]
        pid = task["pid"]
        if pid not in fd_tables:
            try:
                files_id = load(os.path.join(directory, "ids-%d.img" % pid))[0]["files_id"]
                fd_tables[pid] = {e["fd"]: e for e in
                                  load(os.path.join(directory, "fdinfo-%d.img" % files_id))}
            except Exception:
                fd_tables[pid] = {}
        via = autofs["read_fd"] if "read_fd" in autofs else autofs["fd"]
        fd = fd_tables[pid].get(via)
        if fd is None:
            continue
        if files is None:
            files = {f["id"]: f for f in load(os.path.join(directory, "files.img"))}
        f = files.get(fd["id"])
        if f is None or "pipe" not in f:
            continue
        if pipe_ino is not None and pipe_ino >= 0 and f["pipe"]["pipe_id"] != pipe_ino:
            continue
        row["pipe_fd"] = via
    json.dump({"autofs_mounts": out}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: peer_inspect.py DIR")
    main(sys.argv[1])
