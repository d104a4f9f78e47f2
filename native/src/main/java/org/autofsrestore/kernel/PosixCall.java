package org.autofsrestore.kernel;

import static org.autofsrestore.kernel.CText.quote;

import java.util.Optional;

/**
 * The POSIX calls on file descriptors, processes and mounts: pipe2, mount, umount2, fstat, close,
 * getpgrp, poll, and the read of an autofs request packet. Those that name a path to look up are
 * {@link PathCall}s.
 *
 * @param <R> what the call returns; {@link Void} (null) for calls that return only success
 */
public sealed interface PosixCall<R> extends KernelCall<R> {

  /** pipe2(2). Flags: O_CLOEXEC 02000000, O_NONBLOCK 04000, O_DIRECT 040000. */
  record Pipe2(int flags) implements PosixCall<PipeEnds> {
    public static final int O_CLOEXEC = 02000000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DIRECT = 040000;

    @Override
    public String text() {
      return "pipe2(pipefd, " + CText.pipeFlags(flags) + ")";
    }

    @Override
    public String op() {
      return "pipe2";
    }

    @Override
    public PipeEnds invoke(Syscalls s) {
      return s.pipe2(flags);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case EMFILE:
        case ENFILE:
          return Optional.of("no free file descriptor");
        case EINVAL:
          return Optional.of("invalid flags");
        default:
          return Optional.empty();
      }
    }
  }

  /** mount(2). {@code source} and {@code data} may be null. */
  record Mount(String source, String target, String fstype, long flags, String data)
      implements PosixCall<Void> {
    public Mount {
      CallSupport.cString(source, "source", true);
      CallSupport.cString(target, "target", false);
      CallSupport.cString(fstype, "fstype", false);
      CallSupport.cString(data, "data", true);
    }

    @Override
    public String text() {
      return "mount("
          + quote(source)
          + ", "
          + quote(target)
          + ", "
          + quote(fstype)
          + ", "
          + CText.mountFlags(flags)
          + ", "
          + quote(data)
          + ")";
    }

    @Override
    public String op() {
      return "mount";
    }

    @Override
    public Void invoke(Syscalls s) {
      s.mount(source, target, fstype, flags, data);
      return null;
    }

    @Override
    public Optional<String> meaning(Errno e) {
      boolean autofs = "autofs".equals(fstype);
      switch (e) {
        case EBADF:
          return autofs
              ? Optional.of("fd= is not a pipe write end (a read end, a closed fd or not a pipe)")
              : Optional.empty();
        case EINVAL:
          return autofs
              ? Optional.of(
                  "unknown option or pgrp= names no process group"
                      + " (timeout= and pipe_ino= are not mount options);"
                      + " before Linux 6.12 also: fd= is not a pipe write end")
              : Optional.of("invalid option, flags or source");
        case EPERM:
          return Optional.of("mounting needs CAP_SYS_ADMIN");
        case ENOENT:
          return Optional.of("the target does not exist");
        case ENOTDIR:
          return Optional.of("the target is not a directory");
        case ENODEV:
          return Optional.of("the kernel does not know the filesystem type " + fstype);
        default:
          return Optional.empty();
      }
    }
  }

  /** umount2(2). Flags: MNT_FORCE 1, MNT_DETACH 2, MNT_EXPIRE 4, UMOUNT_NOFOLLOW 8. */
  record Umount(String target, int flags) implements PosixCall<Void> {
    public static final int MNT_FORCE = 1;
    public static final int MNT_DETACH = 2;
    public static final int MNT_EXPIRE = 4;
    public static final int UMOUNT_NOFOLLOW = 8;

    public Umount {
      CallSupport.cString(target, "target", false);
    }

    @Override
    public String text() {
      return "umount2(" + quote(target) + ", " + CText.umountFlags(flags) + ")";
    }

    @Override
    public String op() {
      return "umount";
    }

    @Override
    public Void invoke(Syscalls s) {
      s.umount2(target, flags);
      return null;
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case EBUSY:
          return Optional.of("the mount is in use: a mount below it or a file open on it");
        case EINVAL:
          return Optional.of("the target is not a mount point");
        case ENOENT:
          return Optional.of("the target does not exist");
        case EPERM:
          return Optional.of("unmounting needs CAP_SYS_ADMIN");
        default:
          return Optional.empty();
      }
    }
  }

  /** fstat(2). */
  record Fstat(int fd) implements PosixCall<FileStat> {
    @Override
    public String text() {
      return "fstat(" + fd + ", &st)";
    }

    @Override
    public String op() {
      return "fstat";
    }

    @Override
    public FileStat invoke(Syscalls s) {
      return s.fstat(fd);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return e == Errno.EBADF ? Optional.of("the fd is not open") : Optional.empty();
    }
  }

  /** close(2). */
  record Close(int fd) implements PosixCall<Void> {
    @Override
    public String text() {
      return text(Integer.toString(fd));
    }

    /**
     * The text with the fd as given: a number, or a preview's placeholder for one not known yet
     * (the same spelling either way).
     */
    public static String text(String fd) {
      return "close(" + fd + ")";
    }

    @Override
    public String op() {
      return "close";
    }

    @Override
    public Void invoke(Syscalls s) {
      s.close(fd);
      return null;
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return e == Errno.EBADF ? Optional.of("the fd is not open") : Optional.empty();
    }
  }

  /** getpgrp(2): the caller's process group, what an autofs mount's pgrp= names as owner. */
  record GetPgrp() implements PosixCall<Integer> {
    @Override
    public String text() {
      return "getpgrp()";
    }

    @Override
    public String op() {
      return "getpgrp";
    }

    @Override
    public Integer invoke(Syscalls s) {
      return s.getpgrp();
    }
  }

  /**
   * poll(2) for POLLIN on one fd; true when it is readable or hung up (a read will not block),
   * false on timeout. A negative timeout waits for ever. An fd that is not open gives EBADF.
   */
  record Poll(int fd, int timeoutMillis) implements PosixCall<Boolean> {
    @Override
    public String text() {
      return "poll(&(struct pollfd){.fd = " + fd + ", .events = POLLIN}, 1, " + timeoutMillis + ")";
    }

    @Override
    public String op() {
      return "poll";
    }

    @Override
    public Boolean invoke(Syscalls s) {
      return s.poll(fd, timeoutMillis);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case EBADF:
          return Optional.of("the fd is not open");
        case EINTR:
          return Optional.of("a signal arrived before the fd became ready");
        default:
          return Optional.empty();
      }
    }
  }

  /**
   * read(2) of one request packet from an autofs pipe's read end (304 bytes, the size of struct
   * autofs_v5_packet on x86_64). Empty when the read returns end of file: no write end is left (the
   * mount went catatonic or away and nobody else holds the write end). A packet of an unexpected
   * size or type is EPROTO.
   */
  record ReadPacket(int fd) implements PosixCall<Optional<AutofsPacket>> {
    /** sizeof(struct autofs_v5_packet) on x86_64. */
    public static final int V5_PACKET_SIZE = 304;

    @Override
    public String text() {
      return "read(" + fd + ", &packet, " + V5_PACKET_SIZE + ")";
    }

    @Override
    public String op() {
      return "read_packet";
    }

    @Override
    public Optional<AutofsPacket> invoke(Syscalls s) {
      return s.readPacket(fd);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case EBADF:
          return Optional.of("the fd is not open for reading");
        case EINTR:
          return Optional.of("a signal arrived before a packet");
        case EAGAIN:
          return Optional.of("the fd is non-blocking and no packet is waiting");
        case EPROTO:
          return Optional.of("the pipe returned a packet of unexpected size or type");
        default:
          return Optional.empty();
      }
    }
  }
}
