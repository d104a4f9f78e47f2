package org.autofsrestore.app.restore;

import java.util.Optional;
import org.autofsrestore.kernel.PipeEnds;

/**
 * The runtime values of one mount's restore, each null until the step that produces it has run:
 * this program's process group ({@code <pgrp>}, known before any step unless a dry run does not
 * know who will restore), the pipe's ends, the mount's device number and an open ioctl fd. Plans
 * name them by placeholder ({@link #get}); the executor keeps them typed.
 */
public record RunValues(
    Integer pgrp, Integer pipeRead, Integer pipeWrite, Long devid, Integer ioctlFd) {
  /** Nothing known: what a plan prints. */
  public static final RunValues NONE = new RunValues(null, null, null, null, null);

  /** Placeholder names, as plans print them: {@code <pipe.write>}. */
  public static final String PGRP = "pgrp";

  public static final String PIPE_READ = "pipe.read";
  public static final String PIPE_WRITE = "pipe.write";
  public static final String DEVID = "devid";
  public static final String IOCTL_FD = "ioctlfd";

  /** What is known when execution starts: this program's process group, or nothing. */
  public static RunValues startingWith(Integer pgrp) {
    return new RunValues(pgrp, null, null, null, null);
  }

  /** The value a placeholder names, if known; empty for a name that is no runtime value. */
  public Optional<Object> get(String name) {
    Object value =
        switch (name) {
          case PGRP -> pgrp;
          case PIPE_READ -> pipeRead;
          case PIPE_WRITE -> pipeWrite;
          case DEVID -> devid;
          case IOCTL_FD -> ioctlFd;
          default -> null; // text that only looks like a placeholder: it stays as it is
        };
    return Optional.ofNullable(value);
  }

  RunValues withPipe(PipeEnds ends) {
    return new RunValues(pgrp, ends.readFd(), ends.writeFd(), devid, ioctlFd);
  }

  RunValues withDevid(long dev) {
    return new RunValues(pgrp, pipeRead, pipeWrite, dev, ioctlFd);
  }

  RunValues withIoctlFd(Integer fd) {
    return new RunValues(pgrp, pipeRead, pipeWrite, devid, fd);
  }

  /** Forgets {@code fd} wherever it is held: it was closed. */
  RunValues closed(int fd) {
    return new RunValues(
        pgrp,
        pipeRead != null && pipeRead == fd ? null : pipeRead,
        pipeWrite != null && pipeWrite == fd ? null : pipeWrite,
        devid,
        ioctlFd != null && ioctlFd == fd ? null : ioctlFd);
  }

  /** The open fds, in the order a clean-up closes them: ioctl fd, pipe read end, write end. */
  java.util.List<Integer> openFds() {
    java.util.List<Integer> fds = new java.util.ArrayList<>(3);
    for (Integer fd : new Integer[] {ioctlFd, pipeRead, pipeWrite}) {
      if (fd != null) {
        fds.add(fd);
      }
    }
    return fds;
  }

  RunValues withoutFds() {
    return new RunValues(pgrp, null, null, devid, null);
  }
}
