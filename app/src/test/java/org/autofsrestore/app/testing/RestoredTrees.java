package org.autofsrestore.app.testing;

import java.nio.file.Path;
import org.autofsrestore.app.synth.DumpBuilder;

/**
 * A tree as CRIU's restore leaves it, read from a crafted /proc of the restored init (pid 900):
 * every autofs mount of the dump on a new device, served again by the restored automount (pid 4136,
 * pipe 41001), one direct trigger covered by a tmpfs, one mount CRIU did not bring back, a systemd
 * automount, and a direct mount whose device happens to be the same.
 */
public final class RestoredTrees {
  public static final long INIT = 900;
  public static final long AUTOMOUNT = 4136;
  private static final String NS = "4026532201";
  private static final String OWNED = "fd=5,pgrp=" + AUTOMOUNT + ",minproto=5,maxproto=5";

  private RestoredTrees() {}

  /** The dump: seven autofs mounts, devices 0:50 to 0:56. */
  public static Path dump(Path dir) throws Exception {
    return new DumpBuilder()
        .process(1, "init")
        .process(32, 1, 32, 32, "automount")
        .pipe(32, 3, 5, 28133)
        .autofsMount("/srv/ind", a -> a.indirect().owner(32, 5, 28133).superblock(50))
        .autofsMount("/srv/direct", a -> a.direct().owner(32, 5, 28133).superblock(51))
        .autofsMount("/srv/ind/multi/a", a -> a.offset().owner(32, 5, 28133).superblock(52))
        .autofsMount("/srv/covered", a -> a.direct().owner(32, 5, 28133).superblock(53))
        .autofsMount("/srv/gone", a -> a.direct().owner(32, 5, 28133).superblock(54))
        .autofsMount("/srv/same", a -> a.direct().owner(32, 5, 28133).superblock(55))
        .autofsMount(
            "/srv/sysd", a -> a.direct().owner(32, 5, 28133).superblock(56).source("systemd-1"))
        .write(dir);
  }

  private static String autofs(int id, int minor, String at, String options) {
    return id + " 30 0:" + minor + " / " + at + " rw,relatime - autofs /etc/auto.x rw," + options;
  }

  /** The restored tree: each mount on device 0:(dumped + 20), /srv/same on its dumped 0:55. */
  public static CraftedProc restoredTree(Path dir) throws Exception {
    return new CraftedProc(dir)
        .process(INIT, INIT, "sh", 'S', NS)
        .mountinfo(
            INIT,
            "30 1 0:40 / / rw,relatime - overlay overlay rw",
            autofs(41, 70, "/srv/ind", OWNED + ",timeout=300,indirect,pipe_ino=41001"),
            autofs(42, 71, "/srv/direct", OWNED + ",timeout=300,direct,pipe_ino=41001"),
            autofs(43, 72, "/srv/ind/multi/a", OWNED + ",timeout=300,offset,pipe_ino=41001"),
            autofs(44, 73, "/srv/covered", OWNED + ",timeout=300,direct,pipe_ino=41001"),
            "45 44 0:80 / /srv/covered rw,relatime - tmpfs tmpfs rw",
            autofs(46, 55, "/srv/same", OWNED + ",timeout=300,direct,pipe_ino=41001"),
            "47 30 0:76 / /srv/sysd rw,relatime - autofs systemd-1 rw,fd=9,pgrp=1,timeout=0,"
                + "minproto=5,maxproto=5,direct,pipe_ino=42002")
        .process(AUTOMOUNT, AUTOMOUNT, "automount", 'S', NS)
        .pipeFd(AUTOMOUNT, 3, 41001, 0)
        .pipeFd(AUTOMOUNT, 5, 41001, 1)
        .process(1, 1, "systemd", 'S', NS)
        .pipeFd(1, 8, 42002, 0);
  }
}
