package org.autofsrestore.app.autofs;

/**
 * The process that owned a live autofs mount in the dump, and how it reached the mount's pipe.
 *
 * @param pipeFd the fd through which a restore reaches the pipe: the write end, or the read end
 *     ({@code read_fd}) when the write end was closed
 * @param readEndFd the owner's fd of the pipe's read end, or null when it holds none
 * @param writeEndFd the owner's fd of the write end, or null when it was closed
 * @param resolvedBy how the owner was found: {@link #RESOLVED_BY_IMAGE} (autofs-N.img's pgrp, as
 *     CRIU restores it) or {@link #RESOLVED_BY_PIPE_INO} (the task holding the options' pipe_ino,
 *     when autofs-N.img cannot be read)
 */
public record Owner(
    int pid,
    int ppid,
    int pgid,
    int sid,
    String comm,
    Integer pipeFd,
    Integer readEndFd,
    Integer writeEndFd,
    String resolvedBy) {
  public static final String RESOLVED_BY_IMAGE = "autofs-image";
  public static final String RESOLVED_BY_PIPE_INO = "pipe-ino-scan";

  public boolean writeEndOpen() {
    return writeEndFd != null;
  }
}
