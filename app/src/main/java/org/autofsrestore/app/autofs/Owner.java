package org.autofsrestore.app.autofs;

/**
 * The process that owned a live autofs mount in the dump, and how it reached the mount's pipe.
 *
 * @param pipeFd the fd through which a restore reaches the pipe: the write end, or the read end
 *     ({@code read_fd}) when the write end was closed
 * @param readEndFd the owner's fd of the pipe's read end, or null when it holds none
 * @param writeEndFd the owner's fd of the write end, or null when it was closed
 */
public record Owner(
    int pid,
    int ppid,
    int pgid,
    int sid,
    String comm,
    Integer pipeFd,
    Integer readEndFd,
    Integer writeEndFd) {
  public boolean writeEndOpen() {
    return writeEndFd != null;
  }
}
