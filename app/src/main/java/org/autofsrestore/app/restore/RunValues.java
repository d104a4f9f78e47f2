package org.autofsrestore.app.restore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autofsrestore.kernel.PipeEnds;

/**
 * The runtime values of one mount's restore, each null until the step that produces it has run:
 * this program's process group ({@code <pgrp>}, known before any step unless a dry run does not
 * know who will restore), the pipe's ends, the mount's device number and mount id, an open ioctl
 * fd, and the fds that hold the root, the target and the mount ({@code <root.fd>}, {@code
 * <dir.fd>}, {@code <target.fd>}, {@code <fs.fd>}, {@code <mount.fd>}). Plans name them by
 * placeholder ({@link #get}); the executor keeps them typed.
 *
 * @param held the held fds by placeholder name, in the order they were opened
 */
public record RunValues(
    Integer pgrp,
    Integer pipeRead,
    Integer pipeWrite,
    Long devid,
    Integer ioctlFd,
    Long mountId,
    Map<String, Integer> held) {
  /** Nothing known: what a plan prints. */
  public static final RunValues NONE = new RunValues(null, null, null, null, null);

  /** Placeholder names, as plans print them: {@code <pipe.write>}. */
  public static final String PGRP = "pgrp";

  public static final String PIPE_READ = "pipe.read";
  public static final String PIPE_WRITE = "pipe.write";
  public static final String DEVID = "devid";
  public static final String IOCTL_FD = "ioctlfd";
  public static final String MOUNT_ID = "mnt.id";

  /** The root given with --root, opened O_PATH: every path below it is resolved from it. */
  public static final String ROOT_FD = "root.fd";

  /** The deepest existing directory on the way to a target that does not exist yet. */
  public static final String DIR_FD = "dir.fd";

  /** The directory the mount goes onto, held from its resolution to the end of the mount's run. */
  public static final String TARGET_FD = "target.fd";

  /** fsopen's filesystem context. */
  public static final String FS_FD = "fs.fd";

  /** fsmount's mount fd (O_PATH): the autofs mount itself, whatever its path becomes. */
  public static final String MOUNT_FD = "mount.fd";

  public RunValues {
    held =
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(held == null ? Map.of() : held));
  }

  public RunValues(Integer pgrp, Integer pipeRead, Integer pipeWrite, Long devid, Integer ioctlFd) {
    this(pgrp, pipeRead, pipeWrite, devid, ioctlFd, null, Map.of());
  }

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
          case MOUNT_ID -> mountId;
          default -> held.get(name); // null for text that only looks like a placeholder
        };
    return Optional.ofNullable(value);
  }

  /** The fd held under {@code name} (root.fd, target.fd, ...), or null. */
  Integer heldFd(String name) {
    return IOCTL_FD.equals(name) ? ioctlFd : held.get(name);
  }

  RunValues withPipe(PipeEnds ends) {
    return new RunValues(pgrp, ends.readFd(), ends.writeFd(), devid, ioctlFd, mountId, held);
  }

  RunValues withDevid(long dev) {
    return new RunValues(pgrp, pipeRead, pipeWrite, dev, ioctlFd, mountId, held);
  }

  RunValues withMountId(long id) {
    return new RunValues(pgrp, pipeRead, pipeWrite, devid, ioctlFd, id, held);
  }

  RunValues withIoctlFd(Integer fd) {
    return new RunValues(pgrp, pipeRead, pipeWrite, devid, fd, mountId, held);
  }

  /** {@code fd} held under {@code name} ({@link #IOCTL_FD} is the ioctl fd). */
  RunValues withHeld(String name, int fd) {
    if (IOCTL_FD.equals(name)) {
      return withIoctlFd(fd);
    }
    Map<String, Integer> next = new LinkedHashMap<>(held);
    next.remove(name);
    next.put(name, fd);
    return new RunValues(pgrp, pipeRead, pipeWrite, devid, ioctlFd, mountId, next);
  }

  /** Forgets {@code fd} wherever it is held: it was closed. */
  RunValues closed(int fd) {
    Map<String, Integer> next = new LinkedHashMap<>(held);
    next.values().removeIf(v -> v == fd);
    return new RunValues(
        pgrp,
        pipeRead != null && pipeRead == fd ? null : pipeRead,
        pipeWrite != null && pipeWrite == fd ? null : pipeWrite,
        devid,
        ioctlFd != null && ioctlFd == fd ? null : ioctlFd,
        mountId,
        next);
  }

  /**
   * The open fds, in the order a clean-up closes them: ioctl fd, pipe read end, write end, then the
   * held fds newest first.
   */
  List<Integer> openFds() {
    List<Integer> fds = new ArrayList<>(3 + held.size());
    for (Integer fd : new Integer[] {ioctlFd, pipeRead, pipeWrite}) {
      if (fd != null) {
        fds.add(fd);
      }
    }
    List<Integer> heldFds = new ArrayList<>(held.values());
    java.util.Collections.reverse(heldFds);
    fds.addAll(heldFds);
    return fds;
  }

  RunValues withoutFds() {
    return new RunValues(pgrp, null, null, devid, null, mountId, Map.of());
  }
}
