package org.autofsrestore.app.dump;

import org.autofsrestore.proto.AutofsEntry;

/**
 * The autofs state CRIU saved for one superblock (autofs-N.img). Pids and process groups here are
 * as seen inside the dump's pid namespace; {@code fd} is -1 for a catatonic mount.
 */
public record AutofsImage(
    int fd,
    int pgrp,
    int timeout,
    int minproto,
    int maxproto,
    int mode,
    Integer uid,
    Integer gid,
    Integer readFd) {

  static AutofsImage of(AutofsEntry e) {
    return new AutofsImage(
        e.getFd(),
        e.getPgrp(),
        e.getTimeout(),
        e.getMinproto(),
        e.getMaxproto(),
        e.getMode(),
        e.hasUid() ? e.getUid() : null,
        e.hasGid() ? e.getGid() : null,
        e.hasReadFd() ? e.getReadFd() : null);
  }
}
