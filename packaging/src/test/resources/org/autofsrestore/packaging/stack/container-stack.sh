#!/bin/bash
# The real container stack of Debian 13, run once in the 6.12 VM inside a copy of a Debian 13 root
# (scripts/debian-root: criu 4.1.1, autofs 5.1.9, podman 5.4, crun, checkpointctl) with this
# project's package installed: ContainerStack boots it, and the Podman and Repair tests read what
# it leaves in OUT. Every phase records facts (mountinfo lines, fds, lookups, logs), never verdicts:
# the tests judge.
#
# Phases:
#   criu      automount in private mount and pid namespaces (automount-tree.sh), one key looked
#             up; criu dump; criu restore; lookups; autofs-restore repair (dry run, then --yes);
#             lookups; then autofs-restore restore --owner handoff of the same dump; lookups.
#   podman    a privileged container whose automount serves an indirect map with a multi-mount
#             entry and a direct map; the multi-mount key looked up (its offsets mounted); the
#             truth recorded; checkpoints --export with zstd, gzip and none, --create-image and
#             podman save --format oci-archive; checkpointctl inspect; the offsets expired, one
#             more checkpoint, podman restore --import of both; lookups; repair; lookups.
#
# A lookup runs from outside automount's process group in the tree's mount namespace, killed after
# 5 s: OUT/lookups.tsv gets "<when>\t<path>\t<works|fails|hangs>\t<detail>".
# Usage: container-stack.sh OUT TREE_SCRIPT [PHASE...]   (default: criu podman)
set -uo pipefail
out="$1" tree_script="$2"; shift 2
phases="${*:-criu podman}"
mkdir -p "$out"
exec >>"$out/stack.log" 2>&1
export PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root
t0=$(date +%s)
phase() { echo "=== $(($(date +%s) - t0)) s: $*"; echo "$(($(date +%s) - t0)) $*" >>"$out/phases.txt"; }
fact() { printf '%s\n' "$*" >>"$out/facts.txt"; }

# lookup WHEN PID PATH EXPECTED: reads PATH (a file a map serves) in PID's mount namespace.
lookup() { # WHEN PID PATH EXPECTED [PREFIX]: reads PREFIX/PATH, recorded as PATH
  local when="$1" pid="$2" path="$3" expected="$4" prefix="${5:-}" got rc
  # In its pid namespace too: the kernel answers ENOENT to a requester automount cannot see.
  got=$(timeout -s KILL 5 nsenter -t "$pid" -m -p cat "$prefix$path" 2>&1)
  rc=$?
  local verdict=fails
  if [ $rc = 0 ] && [ "$got" = "$expected" ]; then verdict=works
  elif [ $rc = 137 ]; then verdict=hangs; got="no answer in 5 s"
  fi
  printf '%s\t%s\t%s\t%s\n' "$when" "$path" "$verdict" "$(tr '\n\t' '  ' <<<"$got" | cut -c1-200)" \
    >>"$out/lookups.tsv"
  echo "lookup $when $path: $verdict ($got)"
}
lookups() { # WHEN PID PREFIX
  lookup "$1" "$2" /srv/ind/hello/file served "$3"
  lookup "$1" "$2" /srv/ind/multi/a/file offset-a "$3"
  lookup "$1" "$2" /srv/direct/file direct "$3"
}
autofs_lines() { grep ' - autofs ' "/proc/$1/mountinfo" || true; }
# container_pid NAME: the pid of the container's init once it shows autofs mounts, or the reason.
container_started() {
  local c="$1" i pid
  for ((i = 0; i < 600; i++)); do
    pid=$(podman inspect -f '{{.State.Pid}}' "$c" 2>/dev/null)
    if [ -n "$pid" ] && [ "$pid" != 0 ] && [ "$(autofs_lines "$pid" | wc -l)" -ge 2 ]; then
      echo "$pid"; return 0
    fi
    if [ "$(podman inspect -f '{{.State.Status}}' "$c" 2>/dev/null)" = exited ]; then
      echo "container $c exited: $(podman logs "$c" 2>&1 | tail -20)" >&2; return 1
    fi
    sleep 0.5
  done
  echo "container $c shows no autofs mounts after 300 s: $(podman logs "$c" 2>&1 | tail -20)" >&2
  return 1
}
await_autofs() { # PID COUNT SECONDS
  local i
  for ((i = 0; i < $3 * 5; i++)); do
    [ "$(autofs_lines "$1" | wc -l)" -ge "$2" ] && return 0
    sleep 0.2
  done
  echo "pid $1 shows $(autofs_lines "$1" | wc -l) autofs mounts, not $2"; return 1
}
child_of() { local i; for ((i = 0; i < 600; i++)); do
  local c; c=$(cat "/proc/$1/task/$1/children" 2>/dev/null | awk '{print $1}')
  [ -n "$c" ] && { echo "$c"; return 0; }; sleep 0.2; done; return 1; }
# The fds and fdinfo of a process, for the truth files.
fds() { local pid=$1 fd
  for fd in $(ls "/proc/$pid/fd"); do
    printf 'fd %s -> %s\n' "$fd" "$(readlink "/proc/$pid/fd/$fd")"
    sed 's/^/  /' "/proc/$pid/fdinfo/$fd" 2>/dev/null
  done; }
ar() { autofs-restore "$@"; }

# --- The maps, the data they serve, and the tree's stage. ----------------------------------------
stage=/srv/stack/stage
mkdir -p "$stage/etc" "$stage/data"/{hello,a,b,direct}
printf '/srv/ind /etc/auto.ind --timeout=300\n/- /etc/auto.direct --timeout=120\n' \
  >"$stage/etc/auto.master"
printf 'hello -fstype=bind :/data/hello\nmulti /a -fstype=bind :/data/a /b -fstype=bind :/data/b\n' \
  >"$stage/etc/auto.ind"
printf '/srv/direct -fstype=bind :/data/direct\n' >"$stage/etc/auto.direct"
echo served >"$stage/data/hello/file"; echo offset-a >"$stage/data/a/file"
echo offset-b >"$stage/data/b/file"; echo direct >"$stage/data/direct/file"

phase "kernel $(uname -r); $(criu --version | head -1); $(automount -V 2>&1 | grep -i version | head -1)"
fact "kernel=$(uname -r)"
fact "criu=$(dpkg-query -W -f '${Version}' criu)"
fact "autofs=$(dpkg-query -W -f '${Version}' autofs)"
fact "podman=$(dpkg-query -W -f '${Version}' podman)"
fact "crun=$(dpkg-query -W -f '${Version}' crun)"
fact "checkpointctl=$(dpkg-query -W -f '${Version}' checkpointctl)"

# === criu: CRIU 4.1.1's own dump and restore, then repair, then this tool's hand-off. ============
criu_phase() {
  local tree init amt dump=/srv/stack/criu-dump rpid
  phase "criu: start the automount tree"
  mkdir -p /srv/stack/tree "$dump"
  # Not --kill-child: CRIU restores a parent-death signal, and the restored init would get it as
  # soon as criu restore exits ("Root task has pdeath_sig configured").
  setsid unshare --mount --propagation private --pid --fork \
    bash "$tree_script" "$stage" /srv/stack/tree >"$out/criu-tree.log" 2>&1 </dev/null &
  tree=$!
  init=$(child_of "$tree") || { echo "the tree started no init"; return 1; }
  await_autofs "$init" 2 300 || return 1
  amt=$(child_of "$init")
  lookup criu-before-dump "$init" /srv/ind/hello/file served
  autofs_lines "$init" >"$out/criu-before-dump.mountinfo"
  cp "/proc/$init/root/var/log/automount.log" "$out/criu-automount.log"
  # The tree's root filesystem as it is, for criu restore --root below (the mount points of
  # other filesystems come as empty directories: cp -x never enters an autofs mount).
  # On a tmpfs: the root holds a device node and a FIFO, which 9p cannot make.
  mkdir -p /srv/stack/criu-root && mount -t tmpfs criu-root /srv/stack/criu-root
  cp -ax "/proc/$init/root/." /srv/stack/criu-root/
  # As in the containers below: automount ran without /dev/autofs, CRIU's restore needs it.
  mknod -m 600 /srv/stack/criu-root/dev/autofs c 10 235
  phase "criu: dump"
  criu dump -t "$init" -D "$dump" -o dump.log -v4 || { fact "criu-dump=failed"; return 1; }
  fact "criu-dump=ok"
  wait "$tree" 2>/dev/null
  phase "criu: restore"
  if ! criu restore -D "$dump" -o restore.log -v4 --restore-detached --pidfile "$out/criu.pid"; then
    fact "criu-restore=failed"; cp "$dump/restore.log" "$out/criu-restore-first.log"
    # Measured here: without --root, criu 4.1.1 (and 3.17) stop with "BUG at criu/mount.c:48"
    # while cleaning the mount namespace it cloned from its own (also with the dump's mount ids
    # held by another namespace so that none is reused). A tree in a mount namespace of its own is
    # restored with --root: a mount point holding the tree's root filesystem (copied above).
    phase "criu: restore --root"
    if ! criu restore -D "$dump" -o restore.log -v4 --root /srv/stack/criu-root \
        --restore-detached --pidfile "$out/criu.pid"; then
      fact "criu-restore-root=failed"; cp "$dump/restore.log" "$out/criu-restore.log"; return 1
    fi
    fact "criu-restore-root=ok"
  else
    fact "criu-restore=ok"
  fi
  cp "$dump/dump.log" "$out/criu-dump.log"; cp "$dump/restore.log" "$out/criu-restore.log"
  rpid=$(cat "$out/criu.pid")
  autofs_lines "$rpid" >"$out/criu-restored.mountinfo"
  sleep 2
  lookups criu-restore "$rpid" ""
  phase "criu: repair (dry run, then --yes)"
  ar repair "$dump" --pid "$rpid" >"$out/criu-repair-dry-run.txt" 2>&1
  fact "criu-repair-dry-run-exit=$?"
  ar repair "$dump" --pid "$rpid" --json >"$out/criu-repair-dry-run.json" 2>"$out/criu-repair-dry-run.err"
  ar repair "$dump" --pid "$rpid" --yes >"$out/criu-repair-run.txt" 2>&1
  fact "criu-repair-run-exit=$?"
  autofs_lines "$rpid" >"$out/criu-repaired.mountinfo"
  lookups criu-restore+repair "$rpid" ""
  kill -KILL "$rpid" 2>/dev/null # pid 1 of its namespace: the whole tree
  phase "criu: autofs-restore restore --owner handoff of the same dump"
  handoff "$dump"
}

# This tool's restore of DUMP under a fresh root in a private mount namespace, a fresh automount
# handed the mounts, lookups from there.
handoff() {
  local dump="$1"
  unshare --mount --propagation private bash -c '
    dump="$1" out="$2" stage="$3"
    root=/srv/stack/handoff; mkdir -p "$root"; mount -t tmpfs handoff "$root"
    autofs-restore restore "$dump" --root "$root" --owner handoff --mkdir --yes --no-wait \
      --journal "$out/handoff.jsonl" >"$out/handoff-restore.txt" 2>&1
    echo "handoff-restore-exit=$?" >>"$out/facts.txt"
    sed -e "s|/srv/ind|$root/srv/ind|; s|/etc/auto.ind|$out/after.ind|" \
        -e "s|/etc/auto.direct|$out/after.direct|" "$stage/etc/auto.master" >"$out/after.master"
    sed "s|:/data|:$stage/data|g" "$stage/etc/auto.ind" >"$out/after.ind"
    sed -e "s|^/srv|$root/srv|" -e "s|:/data|:$stage/data|g" "$stage/etc/auto.direct" \
      >"$out/after.direct"
    setsid automount -f -d "file:$out/after.master" >"$out/handoff-automount.log" 2>&1 </dev/null &
    amt=$!
    for i in $(seq 1 300); do
      grep -q "pgrp=$amt," /proc/self/mountinfo && [ "$(grep -c "pgrp=$amt," /proc/self/mountinfo)" -ge 2 ] && break
      sleep 0.2
    done
    grep " - autofs " /proc/self/mountinfo >"$out/handoff.mountinfo"
    . "$4"
    lookups handoff $$ "$root"
    kill -TERM $amt; wait $amt
  ' bash "$dump" "$out" "$stage" "$out/lookup-functions.sh"
}
declare -f lookup lookups >"$out/lookup-functions.sh"

[[ " $phases " == *" criu "* ]] && { criu_phase || phase "criu phase stopped early"; }
phase "end of criu phase"

# === podman =======================================================================================
# with_libraries DIR FILE...: the files and the libraries ldd names for them, at their paths in DIR.
with_libraries() {
  local dir="$1" f; shift
  for f in "$@" $(ldd "$@" 2>/dev/null |
      awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $2 ~ /^\(/ {print $1}' | sort -u); do
    mkdir -p "$dir$(dirname "$f")"; cp -L "$f" "$dir$f"
  done
}

podman_setup() {
  mount -t cgroup2 cgroup2 /sys/fs/cgroup
  mkdir -p /etc/containers /var/lib/containers /run/containers
  mount -t tmpfs -o size=1500m containers /var/lib/containers
  cat >/etc/containers/storage.conf <<'EOF'
[storage]
driver = "vfs"
runroot = "/run/containers/storage"
graphroot = "/var/lib/containers/storage"
EOF
  cat >/etc/containers/containers.conf <<'EOF'
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "crun"
[network]
default_rootless_network_cmd = "slirp4netns"
EOF
  # The image: automount, the modules its file maps need (mount_nfs.so for the parser even without
  # NFS), their libraries, busybox, the maps and their data.
  local img=/srv/stack/image m=/usr/lib/x86_64-linux-gnu/autofs f
  rm -rf "$img"; mkdir -p "$img"/{bin,dev,proc,sys,run,tmp,var/log,srv}
  cp -a "$stage/etc" "$stage/data" "$img/"
  with_libraries "$img" /usr/sbin/automount \
    "$m"/{lookup_file,parse_sun,mount_bind,mount_autofs,mount_nfs}.so
  ln -s /run "$img/var/run" # automount's flag file: /var/run/autofs-running
  cp /bin/busybox "$img/bin/busybox"
  for a in sh cat ls mkdir sleep rm; do ln -s busybox "$img/bin/$a"; done
  # util-linux's mount and umount: with busybox's, automount's start-up probe of bind mounts fails
  # ("mount(bind): umount failed") and it serves -fstype=bind entries as symlinks.
  with_libraries "$img" /usr/bin/mount /usr/bin/umount
  ln -s /usr/bin/mount "$img/bin/mount"; ln -s /usr/bin/umount "$img/bin/umount"
  tar -C "$img" -cf /srv/stack/image.tar .
  podman import /srv/stack/image.tar localhost/automount:test
}

# automount starts without /dev/autofs (the container's command removes it): an open /dev/autofs is
# a device CRIU refuses to dump, and automount, finding none, drives its mounts through ioctls on
# their own fds. CRIU's restore needs the node to open those fds again (criu/autofs.c), so it is
# made once automount runs, in the container's /dev, which the checkpoint keeps.
autofs_node() {
  nsenter -t "$1" -m /bin/busybox mknod -m 600 /dev/autofs c 10 235
}

# keep_criu_log CONTAINER LOG NAME: CRIU's log of the container's last checkpoint or restore.
keep_criu_log() {
  local id; id=$(podman inspect -f '{{.Id}}' "$1" 2>/dev/null) || return 0
  cp "/var/lib/containers/storage/vfs-containers/$id/userdata/$2" "$out/$3" 2>/dev/null || true
}

podman_phase() {
  local c=amt cpid
  phase "podman: setup and image"
  podman_setup || { fact "podman-setup=failed"; return 1; }
  phase "podman: run"
  # No /dev/autofs in the container: an open /dev/autofs is a device CRIU refuses to dump.
  podman run -d --name "$c" --privileged --network none localhost/automount:test \
    /bin/sh -c 'rm -f /dev/autofs; exec /usr/sbin/automount -f -d /etc/auto.master' \
    || { fact "podman-run=failed"; return 1; }
  cpid=$(container_started "$c") || { fact "podman-container=failed"; return 1; }
  autofs_node "$cpid"
  lookup podman-before-checkpoint "$cpid" /srv/ind/hello/file served
  # The multi-mount key: automount mounts its two offsets' triggers (nothing over them).
  timeout -s KILL 5 nsenter -t "$cpid" -m -p ls /srv/ind/multi
  await_autofs "$cpid" 4 60
  podman logs "$c" >"$out/podman-automount-before.log" 2>&1
  sleep 1
  # The truth, before the checkpoint.
  autofs_lines "$cpid" >"$out/podman-truth.mountinfo"
  # The same lines as the container sees them: pgrp= is a pid of the reader's pid namespace.
  nsenter -t "$cpid" -m -p cat /proc/self/mountinfo | grep ' - autofs ' \
    >"$out/podman-truth-inside.mountinfo"
  { echo "pid=$cpid"; echo "comm=$(cat /proc/$cpid/comm)"
    echo "pgrp=$(awk '{print $5}' "/proc/$cpid/stat")"; fds "$cpid"; } >"$out/podman-truth.automount"
  podman inspect "$c" >"$out/podman-inspect.json"
  phase "podman: checkpoints"
  for comp in zstd gzip none; do
    local a="$out/checkpoint-$comp.tar"
    [ $comp = zstd ] && a="$a.zst"; [ $comp = gzip ] && a="$a.gz"
    local s=$(date +%s)
    podman container checkpoint --leave-running --export "$a" --compress "$comp" "$c" \
      >"$out/checkpoint-$comp.out" 2>&1
    fact "checkpoint-$comp-exit=$? seconds=$(($(date +%s) - s))"
    keep_criu_log "$c" dump.log "checkpoint-$comp-dump.log"
  done
  podman container checkpoint --leave-running --create-image localhost/amt-checkpoint:1 "$c" \
    >"$out/checkpoint-image.out" 2>&1
  fact "checkpoint-image-exit=$?"
  podman save --format oci-archive -o "$out/checkpoint-image.oci.tar" localhost/amt-checkpoint:1 \
    >>"$out/checkpoint-image.out" 2>&1
  fact "oci-archive-exit=$?"
  checkpointctl inspect --all --format json "$out/checkpoint-zstd.tar.zst" \
    >"$out/checkpointctl.json" 2>"$out/checkpointctl.err"
  fact "checkpointctl-exit=$?"
  checkpointctl show "$out/checkpoint-zstd.tar.zst" >"$out/checkpointctl-show.txt" 2>&1

  phase "podman: a checkpoint while the direct mount is in use"
  # automount holds a file on the trigger it mounted over: CRIU refuses the open file.
  lookup podman-direct-in-use "$cpid" /srv/direct/file direct
  podman container checkpoint --leave-running "$c" >"$out/checkpoint-in-use.out" 2>&1
  fact "checkpoint-in-use-exit=$?"
  keep_criu_log "$c" dump.log checkpoint-in-use-dump.log

  phase "podman: restore of the archive with offsets"
  podman rm -f "$c" >/dev/null
  podman container restore --import "$out/checkpoint-none.tar" --name amt-offsets \
    >"$out/restore-offsets.out" 2>&1
  fact "podman-restore-offsets-exit=$?"
  keep_criu_log amt-offsets restore.log restore-offsets.log
  podman rm -f amt-offsets >/dev/null 2>&1

  phase "podman: a checkpoint without offsets, restored"
  podman run -d --name "$c" --privileged --network none localhost/automount:test \
    /bin/sh -c 'rm -f /dev/autofs; exec /usr/sbin/automount -f -d /etc/auto.master'
  cpid=$(container_started "$c") || return 1
  autofs_node "$cpid"
  lookup podman-before-checkpoint "$cpid" /srv/ind/hello/file served
  autofs_lines "$cpid" >"$out/podman-plain-truth.mountinfo"
  podman container checkpoint --export "$out/checkpoint-plain.tar.zst" --compress zstd "$c" \
    >"$out/checkpoint-plain.out" 2>&1
  fact "checkpoint-plain-exit=$?"
  podman rm -f "$c" >/dev/null 2>&1
  phase "podman: restore --import"
  podman container restore --import "$out/checkpoint-plain.tar.zst" >"$out/restore-plain.out" 2>&1
  fact "podman-restore-exit=$?"
  keep_criu_log "$c" restore.log restore-plain.log
  cpid=$(podman inspect -f '{{.State.Pid}}' "$c")
  fact "podman-restored-pid=$cpid"
  autofs_lines "$cpid" >"$out/podman-restored.mountinfo"
  sleep 2
  lookups podman-restore "$cpid" ""
  phase "podman: repair"
  ar repair "$out/checkpoint-plain.tar.zst" --pid "$cpid" >"$out/podman-repair-dry-run.txt" 2>&1
  fact "podman-repair-dry-run-exit=$?"
  ar repair "$out/checkpoint-plain.tar.zst" --pid "$cpid" --yes >"$out/podman-repair-run.txt" 2>&1
  fact "podman-repair-run-exit=$?"
  autofs_lines "$cpid" >"$out/podman-repaired.mountinfo"
  lookups podman-restore+repair "$cpid" ""
  podman logs "$c" >"$out/podman-automount.log" 2>&1
  podman rm -f "$c" >/dev/null 2>&1
}

[[ " $phases " == *" podman "* ]] && { podman_phase || phase "podman phase stopped early"; }
phase "done"
exit 0
