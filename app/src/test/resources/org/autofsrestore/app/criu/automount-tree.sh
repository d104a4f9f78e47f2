#!/bin/bash
# The process tree the Criu test dumps: Debian's automount as pid 1 of a pid namespace, in a mount
# namespace whose only filesystems are a tmpfs root, its proc and automount's autofs mounts, so that
# CRIU 3.17 can dump every mount (it cannot dump the 9p or overlay mounts of a test machine's root).
# Run as: unshare --mount --propagation private --pid --fork --kill-child automount-tree.sh STAGE ROOT
# STAGE holds etc/ (auto.master and its maps) and data/ (what the maps bind); ROOT is an empty folder.
set -euo pipefail
stage="$1" root="$2"

mount -t tmpfs -o mode=0755 criu-test-root "$root"
cp -a "$stage"/. "$root"/
mkdir -p "$root"/{bin,dev,proc,run,tmp,var/log,srv,old,usr/lib,usr/lib64}
ln -s usr/lib "$root/lib"
ln -s usr/lib64 "$root/lib64"
ln -s /run "$root/var/run"
cp /bin/busybox "$root/bin/busybox"
for applet in sh mount umount ls cat mkdir sleep; do ln -s busybox "$root/bin/$applet"; done

# automount, the modules it loads for file maps, sun parsing and bind mounts, and their libraries
# (only these: the LDAP and SSS modules would bring in 40 MB that CRIU would then dump).
copy() {
  local f
  for f in "$@"; do
    [ -e "$root$f" ] && continue
    mkdir -p "$root$(dirname "$f")"
    cp -L "$f" "$root$f"
  done
}
modules=/usr/lib/x86_64-linux-gnu/autofs
objects=(/usr/sbin/automount "$modules"/{lookup_file,parse_sun,mount_bind,mount_autofs,mount_nfs}.so)
copy "${objects[@]}"
copy $(ldd "${objects[@]}" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $2 ~ /^\(/ {print $1}' | sort -u)
mknod -m 666 "$root/dev/null" c 1 3
# No /dev/autofs here: automount then drives its mounts through ioctls on the mount points, and an
# open /dev/autofs is a character device CRIU refuses to dump (misc 10:235 is not one it knows).

cd "$root"
pivot_root . old
# pid 1 is this shell, in a session of its own (CRIU refuses a session leader outside the pid
# namespace): it keeps the namespaces, and the log, when automount stops. automount runs in a
# session of its own too, so that its process group (the mount's pgrp=) is its own pid.
exec /bin/busybox setsid /bin/busybox sh -c '
  mount -t proc proc /proc
  umount -l /old && rmdir /old
  exec </dev/null >/var/log/automount.log 2>&1
  setsid /usr/sbin/automount -f -d /etc/auto.master
  echo "automount exited with status $?"
  exec sleep 3600'
