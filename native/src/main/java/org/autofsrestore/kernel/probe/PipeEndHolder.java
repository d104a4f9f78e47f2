package org.autofsrestore.kernel.probe;

/**
 * A process that has a pipe open: which fd in its table, which end (from the access mode in
 * /proc/PID/fdinfo/FD), and the process's comm and process group.
 *
 * @param pid the process
 * @param fd the fd number in that process
 * @param end which end the fd is
 * @param comm /proc/PID/comm, "" if it vanished
 * @param pgrp the process group, -1 if it vanished
 */
public record PipeEndHolder(long pid, int fd, End end, String comm, long pgrp) {
  /** The access mode of the open file: a pipe's read end is O_RDONLY, its write end O_WRONLY. */
  public enum End {
    READ,
    WRITE,
    /** O_RDWR: a FIFO opened read-write, which is both. */
    READ_WRITE;

    public boolean canRead() {
      return this != WRITE;
    }
  }
}
