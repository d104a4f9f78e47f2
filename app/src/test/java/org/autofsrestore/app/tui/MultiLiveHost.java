package org.autofsrestore.app.tui;

import java.nio.file.Path;
import org.autofsrestore.app.testing.CraftedProc;

/**
 * A crafted /proc of a host where the multi fixture was restored under /tmp/r and a fresh automount
 * (pid 700) took most of it over: /srv/auto-f1 as it was, with stat (pid 812) asleep on it;
 * /srv/direct-f2 still parked; /srv/data/offset-f5 on a new device; /srv/auto-f3 with another
 * timeout; /srv/cata-f4 not mounted (a tmpfs is there instead); and /srv/extra, which the dump
 * lacks, parked.
 */
final class MultiLiveHost {
  static final String ROOT = "/tmp/r";
  private static final String NS = "4026531841";
  private static final String OWNED = "fd=4,pgrp=700,minproto=5,maxproto=5,pipe_ino=41001";

  private MultiLiveHost() {}

  private static String autofs(int id, int minor, String mountpoint, String map, String options) {
    return id
        + " 30 0:"
        + minor
        + " / "
        + ROOT
        + mountpoint
        + " rw,relatime - autofs "
        + map
        + " rw,"
        + options;
  }

  static CraftedProc write(Path dir) throws Exception {
    return new CraftedProc(dir)
        .process(500, 500, "autofs-restore", 'S', NS)
        .mountinfo(
            500,
            "21 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
            "30 21 0:40 / " + ROOT + " rw,relatime - tmpfs tmpfs rw",
            autofs(41, 63, "/srv/auto-f1", "/etc/auto.f1", OWNED + ",timeout=300,indirect"),
            autofs(
                42,
                64,
                "/srv/direct-f2",
                "/etc/auto.direct",
                "fd=-1,pgrp=500,timeout=600,minproto=5,maxproto=5,direct,pipe_ino=-1"),
            autofs(43, 65, "/srv/data/offset-f5", "/etc/auto.f1", OWNED + ",timeout=300,offset"),
            autofs(44, 66, "/srv/auto-f3", "/etc/auto.f3", OWNED + ",timeout=61,indirect"),
            "45 30 0:41 / " + ROOT + "/srv/cata-f4 rw,relatime - tmpfs tmpfs rw",
            autofs(
                46,
                67,
                "/srv/extra",
                "/etc/auto.extra",
                "fd=-1,pgrp=500,timeout=300,minproto=5,maxproto=5,indirect,pipe_ino=-1"))
        .process(700, 700, "automount", 'S', NS)
        .pipeFd(700, 3, 41001, 0)
        .pipeFd(700, 4, 41001, 1)
        .process(812, 812, "stat", 'D', NS)
        .asleepOn(812, ROOT + "/srv/auto-f1/key", "/root");
  }
}
