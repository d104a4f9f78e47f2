package org.autofsrestore.kernel;

import static org.autofsrestore.kernel.CText.quote;

import java.util.Objects;
import java.util.Optional;

/**
 * One kernel operation, as a value: what to call with which arguments, and what it returns ({@code
 * R}). A {@link Kernel} runs it; {@link #text()} prints it exactly as it would run, C-like.
 *
 * <p>Which ioctl each autofs record uses (they are not interchangeable, see docs/DESIGN.md section
 * 5):
 *
 * <ul>
 *   <li>On the ioctl fd itself (AUTOFS_IOC_*, allowed to any CAP_SYS_ADMIN caller): {@link
 *       SetTimeout}, {@link Catatonic}, {@link ProtoVersion}, {@link ProtoSubversion}.
 *   <li>Through /dev/autofs (struct autofs_dev_ioctl): {@link Version}, {@link OpenMount}, {@link
 *       CloseMount}, {@link SetPipeFd}, {@link Ready}, {@link Fail}, {@link IsMountpoint}. Those
 *       naming an ioctlfd need the caller to be in the mount's process group or the mount to be
 *       catatonic (EACCES otherwise).
 * </ul>
 *
 * <p>{@link StatMount} reads one mount's state (statx(2) then statmount(2)) without scanning
 * /proc/self/mountinfo and without triggering an automount.
 *
 * <p>Records hold plain Java values only; paths are Java strings passed as UTF-8 and must not
 * contain NUL. Unsigned C values (tokens, device numbers, the timeout) are carried in a {@code
 * long}.
 *
 * @param <R> what the call returns; {@link Void} (null) for calls that return only success
 */
public sealed interface KernelCall<R> {

  /** The call as C-like source text, e.g. {@code mkdir("/tmp/r/a", 0755)}. */
  String text();

  /** A short stable name for journals and JSON, e.g. {@code openmount}. */
  String op();

  /** Runs this call through {@code handler}: the type-safe dispatch for implementations. */
  R accept(Handler handler);

  /** What the kernel means by {@code errno} for this call, where it is known. */
  default Optional<String> meaning(Errno errno) {
    return Optional.empty();
  }

  /**
   * One method per call: implementations of {@link Kernel} (the real one, a recorder, a fault
   * injector) implement this to get a compile-time check that they handle every operation.
   */
  interface Handler {
    PipeEnds pipe2(Pipe2 call);

    Void mount(Mount call);

    Void umount(Umount call);

    FileStat stat(Stat call);

    FileStat lstat(Lstat call);

    FileStat fstat(Fstat call);

    Void mkdir(Mkdir call);

    Void rmdir(Rmdir call);

    Integer open(Open call);

    Integer openAt(OpenAt call);

    Void mkdirAt(MkdirAt call);

    Void close(Close call);

    Integer getPid(GetPid call);

    Integer getPgrp(GetPgrp call);

    Boolean poll(Poll call);

    Optional<AutofsPacket> readPacket(ReadPacket call);

    DevIoctlVersion version(Version call);

    Integer protoVersion(ProtoVersion call);

    Integer protoSubversion(ProtoSubversion call);

    Integer openMount(OpenMount call);

    Void closeMount(CloseMount call);

    Long setTimeout(SetTimeout call);

    Void catatonic(Catatonic call);

    Void setPipeFd(SetPipeFd call);

    Void ready(Ready call);

    Void fail(Fail call);

    MountpointInfo isMountpoint(IsMountpoint call);

    MountState statMount(StatMount call);
  }

  // ---------------------------------------------------------------- plain system calls

  /** pipe2(2). Flags: O_CLOEXEC 02000000, O_NONBLOCK 04000, O_DIRECT 040000. */
  record Pipe2(int flags) implements KernelCall<PipeEnds> {
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
    public PipeEnds accept(Handler h) {
      return h.pipe2(this);
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
      implements KernelCall<Void> {
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
    public Void accept(Handler h) {
      return h.mount(this);
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
  record Umount(String target, int flags) implements KernelCall<Void> {
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
    public Void accept(Handler h) {
      return h.umount(this);
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

  /** stat(2), following symlinks. */
  record Stat(String path) implements KernelCall<FileStat> {
    public Stat {
      CallSupport.cString(path, "path", false);
    }

    @Override
    public String text() {
      return "stat(" + quote(path) + ", &st)";
    }

    @Override
    public String op() {
      return "stat";
    }

    @Override
    public FileStat accept(Handler h) {
      return h.stat(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return CallSupport.pathMeaning(e);
    }
  }

  /** lstat(2): a symlink itself, not what it points to. */
  record Lstat(String path) implements KernelCall<FileStat> {
    public Lstat {
      CallSupport.cString(path, "path", false);
    }

    @Override
    public String text() {
      return "lstat(" + quote(path) + ", &st)";
    }

    @Override
    public String op() {
      return "lstat";
    }

    @Override
    public FileStat accept(Handler h) {
      return h.lstat(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return CallSupport.pathMeaning(e);
    }
  }

  /** fstat(2). */
  record Fstat(int fd) implements KernelCall<FileStat> {
    @Override
    public String text() {
      return "fstat(" + fd + ", &st)";
    }

    @Override
    public String op() {
      return "fstat";
    }

    @Override
    public FileStat accept(Handler h) {
      return h.fstat(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return e == Errno.EBADF ? Optional.of("the fd is not open") : Optional.empty();
    }
  }

  /** mkdir(2). */
  record Mkdir(String path, int mode) implements KernelCall<Void> {
    public Mkdir {
      CallSupport.cString(path, "path", false);
    }

    @Override
    public String text() {
      return "mkdir(" + quote(path) + ", " + CText.octal(mode) + ")";
    }

    @Override
    public String op() {
      return "mkdir";
    }

    @Override
    public Void accept(Handler h) {
      return h.mkdir(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case EEXIST:
          return Optional.of("the path already exists");
        case ENOENT:
          return Optional.of("a parent directory does not exist");
        case EACCES:
          return Optional.of(
              "no write permission; inside an autofs mount only the owner's process group may"
                  + " create directories, and not while the mount is catatonic");
        case ENOTDIR:
          return Optional.of("a component of the path is not a directory");
        default:
          return Optional.empty();
      }
    }
  }

  /** rmdir(2): removes an empty directory (undo removes what a restore created). */
  record Rmdir(String path) implements KernelCall<Void> {
    public Rmdir {
      CallSupport.cString(path, "path", false);
    }

    @Override
    public String text() {
      return "rmdir(" + quote(path) + ")";
    }

    @Override
    public String op() {
      return "rmdir";
    }

    @Override
    public Void accept(Handler h) {
      return h.rmdir(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case ENOTEMPTY:
          return Optional.of("the directory is not empty");
        case EBUSY:
          return Optional.of("something is mounted on it");
        case ENOENT:
          return Optional.of("it does not exist");
        default:
          return Optional.empty();
      }
    }
  }

  /** open(2) without O_CREAT (no mode). */
  record Open(String path, int flags) implements KernelCall<Integer> {
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_PATH = 010000000;

    public Open {
      CallSupport.cString(path, "path", false);
      if ((flags & 0100) != 0) {
        throw new IllegalArgumentException("O_CREAT needs a mode; not supported here");
      }
    }

    @Override
    public String text() {
      return "open(" + quote(path) + ", " + CText.openFlags(flags) + ")";
    }

    @Override
    public String op() {
      return "open";
    }

    @Override
    public Integer accept(Handler h) {
      return h.open(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case ELOOP:
          return Optional.of("a symlink where O_NOFOLLOW forbids one, or too many symlinks");
        case ENOTDIR:
          return Optional.of("not a directory (O_DIRECTORY), or a path component is not one");
        default:
          return CallSupport.pathMeaning(e);
      }
    }
  }

  /**
   * openat(2) without O_CREAT: {@code path} relative to the directory fd {@code dirFd} ({@link
   * #AT_FDCWD} for the working directory). With O_PATH|O_NOFOLLOW|O_DIRECTORY it walks a path one
   * component at a time without following symlinks.
   */
  record OpenAt(int dirFd, String path, int flags) implements KernelCall<Integer> {
    /** AT_FDCWD. */
    public static final int AT_FDCWD = -100;

    public OpenAt {
      CallSupport.cString(path, "path", false);
      if ((flags & 0100) != 0) {
        throw new IllegalArgumentException("O_CREAT needs a mode; not supported here");
      }
    }

    @Override
    public String text() {
      return "openat("
          + CallSupport.dirFd(dirFd)
          + ", "
          + quote(path)
          + ", "
          + CText.openFlags(flags)
          + ")";
    }

    @Override
    public String op() {
      return "openat";
    }

    @Override
    public Integer accept(Handler h) {
      return h.openAt(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case ELOOP:
          return Optional.of("a symlink where O_NOFOLLOW forbids one, or too many symlinks");
        case ENOTDIR:
          return Optional.of("not a directory (O_DIRECTORY), or dirFd or a component is not one");
        case EBADF:
          return Optional.of("dirFd is not an open fd");
        default:
          return CallSupport.pathMeaning(e);
      }
    }
  }

  /** mkdirat(2): {@code path} relative to the directory fd {@code dirFd}. */
  record MkdirAt(int dirFd, String path, int mode) implements KernelCall<Void> {
    public MkdirAt {
      CallSupport.cString(path, "path", false);
    }

    @Override
    public String text() {
      return "mkdirat("
          + CallSupport.dirFd(dirFd)
          + ", "
          + quote(path)
          + ", "
          + CText.octal(mode)
          + ")";
    }

    @Override
    public String op() {
      return "mkdirat";
    }

    @Override
    public Void accept(Handler h) {
      return h.mkdirAt(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return e == Errno.EBADF
          ? Optional.of("dirFd is not an open fd")
          : new Mkdir(path, mode).meaning(e);
    }
  }

  /** close(2). */
  record Close(int fd) implements KernelCall<Void> {
    @Override
    public String text() {
      return "close(" + fd + ")";
    }

    @Override
    public String op() {
      return "close";
    }

    @Override
    public Void accept(Handler h) {
      return h.close(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return e == Errno.EBADF ? Optional.of("the fd is not open") : Optional.empty();
    }
  }

  /** getpid(2). */
  record GetPid() implements KernelCall<Integer> {
    @Override
    public String text() {
      return "getpid()";
    }

    @Override
    public String op() {
      return "getpid";
    }

    @Override
    public Integer accept(Handler h) {
      return h.getPid(this);
    }
  }

  /** getpgrp(2): the caller's process group, what an autofs mount's pgrp= names as owner. */
  record GetPgrp() implements KernelCall<Integer> {
    @Override
    public String text() {
      return "getpgrp()";
    }

    @Override
    public String op() {
      return "getpgrp";
    }

    @Override
    public Integer accept(Handler h) {
      return h.getPgrp(this);
    }
  }

  /**
   * poll(2) for POLLIN on one fd; true when it is readable or hung up (a read will not block),
   * false on timeout. A negative timeout waits for ever. An fd that is not open gives EBADF.
   */
  record Poll(int fd, int timeoutMillis) implements KernelCall<Boolean> {
    @Override
    public String text() {
      return "poll(&(struct pollfd){.fd = " + fd + ", .events = POLLIN}, 1, " + timeoutMillis + ")";
    }

    @Override
    public String op() {
      return "poll";
    }

    @Override
    public Boolean accept(Handler h) {
      return h.poll(this);
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
  record ReadPacket(int fd) implements KernelCall<Optional<AutofsPacket>> {
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
    public Optional<AutofsPacket> accept(Handler h) {
      return h.readPacket(this);
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

  // ---------------------------------------------------------------- autofs ioctls

  /** AUTOFS_DEV_IOCTL_VERSION: the control interface version (no privilege needed). */
  record Version() implements KernelCall<DevIoctlVersion> {
    @Override
    public String text() {
      return CallSupport.devIoctl("VERSION", "{.ioctlfd = -1}");
    }

    @Override
    public String op() {
      return "version";
    }

    @Override
    public DevIoctlVersion accept(Handler h) {
      return h.version(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return CallSupport.devIoctlMeaning(e);
    }
  }

  /** AUTOFS_IOC_PROTOVER on the ioctl fd: the mount's protocol version (3..5). */
  record ProtoVersion(int ioctlFd) implements KernelCall<Integer> {
    @Override
    public String text() {
      return "ioctl(" + ioctlFd + ", AUTOFS_IOC_PROTOVER, &(int){0})";
    }

    @Override
    public String op() {
      return "protover";
    }

    @Override
    public Integer accept(Handler h) {
      return h.protoVersion(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return CallSupport.rootIoctlMeaning(e);
    }
  }

  /** AUTOFS_IOC_PROTOSUBVER on the ioctl fd: the mount's protocol sub version. */
  record ProtoSubversion(int ioctlFd) implements KernelCall<Integer> {
    @Override
    public String text() {
      return "ioctl(" + ioctlFd + ", AUTOFS_IOC_PROTOSUBVER, &(int){0})";
    }

    @Override
    public String op() {
      return "protosubver";
    }

    @Override
    public Integer accept(Handler h) {
      return h.protoSubversion(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return CallSupport.rootIoctlMeaning(e);
    }
  }

  /**
   * AUTOFS_DEV_IOCTL_OPENMOUNT: an ioctl fd (O_CLOEXEC) on the autofs mount at {@code path} whose
   * device number is {@code devid} (new_encode_dev, which is stat's st_dev for these mounts). Works
   * on overmounted mounts and never triggers a request.
   */
  record OpenMount(String path, long devid) implements KernelCall<Integer> {
    public OpenMount {
      CallSupport.cString(path, "path", false);
      CallSupport.u32(devid, "devid");
    }

    @Override
    public String text() {
      return CallSupport.devIoctl(
          "OPENMOUNT",
          "{.ioctlfd = -1, .openmount.devid = "
              + devid
              + " /* "
              + Dev.format(devid)
              + " */, .path = "
              + quote(path)
              + "}");
    }

    @Override
    public String op() {
      return "openmount";
    }

    @Override
    public Integer accept(Handler h) {
      return h.openMount(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case ENOENT:
          return Optional.of("no autofs mount with that device number at that path");
        case EINVAL:
          return Optional.of("devid is 0 or the path has no '/'");
        default:
          return CallSupport.devIoctlMeaning(e);
      }
    }
  }

  /** AUTOFS_DEV_IOCTL_CLOSEMOUNT: closes an ioctl fd (the same as close(2)). */
  record CloseMount(int ioctlFd) implements KernelCall<Void> {
    @Override
    public String text() {
      return CallSupport.devIoctl("CLOSEMOUNT", "{.ioctlfd = " + ioctlFd + "}");
    }

    @Override
    public String op() {
      return "closemount";
    }

    @Override
    public Void accept(Handler h) {
      return h.closeMount(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return e == Errno.EBADF
          ? Optional.of("the ioctl fd is not open")
          : CallSupport.devIoctlMeaning(e);
    }
  }

  /**
   * AUTOFS_IOC_SETTIMEOUT on the ioctl fd: sets the expire timeout in seconds and returns the old
   * one. The argument is an 8-byte unsigned long that the kernel reads AND writes; values above
   * ULONG_MAX/HZ set 0.
   */
  record SetTimeout(int ioctlFd, long seconds) implements KernelCall<Long> {
    @Override
    public String text() {
      return "ioctl("
          + ioctlFd
          + ", AUTOFS_IOC_SETTIMEOUT, &(unsigned long){"
          + CText.unsigned(seconds)
          + "})";
    }

    @Override
    public String op() {
      return "settimeout";
    }

    @Override
    public Long accept(Handler h) {
      return h.setTimeout(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return CallSupport.rootIoctlMeaning(e);
    }
  }

  /**
   * AUTOFS_IOC_CATATONIC on the ioctl fd: parks the mount. The kernel drops its pipe (mountinfo
   * fd=-1, pipe_ino=-1; the pgrp stays), fails every pending request, and from then on every lookup
   * fails with ENOENT at once. Idempotent; any CAP_SYS_ADMIN caller may do it.
   */
  record Catatonic(int ioctlFd) implements KernelCall<Void> {
    @Override
    public String text() {
      return "ioctl(" + ioctlFd + ", AUTOFS_IOC_CATATONIC, 0)";
    }

    @Override
    public String op() {
      return "catatonic";
    }

    @Override
    public Void accept(Handler h) {
      return h.catatonic(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return CallSupport.rootIoctlMeaning(e);
    }
  }

  /**
   * AUTOFS_DEV_IOCTL_SETPIPEFD: gives a catatonic mount a new pipe write end, taken from the
   * CALLER's fd table, and makes the caller's process group the owner.
   */
  record SetPipeFd(int ioctlFd, int pipeFd) implements KernelCall<Void> {
    @Override
    public String text() {
      return CallSupport.devIoctl(
          "SETPIPEFD", "{.ioctlfd = " + ioctlFd + ", .setpipefd.pipefd = " + pipeFd + "}");
    }

    @Override
    public String op() {
      return "setpipefd";
    }

    @Override
    public Void accept(Handler h) {
      return h.setPipeFd(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case EBUSY:
          return Optional.of("the mount is not catatonic");
        case EPIPE:
          return Optional.of("the fd is a pipe read end (or not a pipe): it must be a write end");
        case EBADF:
          return Optional.of("the pipe fd (or the ioctl fd) is not open in this process");
        case EINVAL:
          return Optional.of(
              "the caller's process group is in another pid namespace than the mount's,"
                  + " or pipefd is -1, or the ioctl fd is not on an autofs mount");
        default:
          return CallSupport.devIoctlMeaning(e);
      }
    }
  }

  /** AUTOFS_DEV_IOCTL_READY: the request with this token succeeded; the requester goes on. */
  record Ready(int ioctlFd, long token) implements KernelCall<Void> {
    public Ready {
      CallSupport.u32(token, "token");
    }

    @Override
    public String text() {
      return CallSupport.devIoctl(
          "READY", "{.ioctlfd = " + ioctlFd + ", .ready.token = " + token + "}");
    }

    @Override
    public String op() {
      return "ready";
    }

    @Override
    public Void accept(Handler h) {
      return h.ready(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return CallSupport.answerMeaning(e);
    }
  }

  /**
   * AUTOFS_DEV_IOCTL_FAIL: the request with this token failed; the requester's lookup fails with
   * {@code status} (the kernel turns a non-negative status into ENOENT).
   */
  record Fail(int ioctlFd, long token, Errno status) implements KernelCall<Void> {
    public Fail {
      CallSupport.u32(token, "token");
      Objects.requireNonNull(status, "status");
    }

    @Override
    public String text() {
      return CallSupport.devIoctl(
          "FAIL",
          "{.ioctlfd = "
              + ioctlFd
              + ", .fail.token = "
              + token
              + ", .fail.status = -"
              + status.name()
              + "}");
    }

    @Override
    public String op() {
      return "fail";
    }

    @Override
    public Void accept(Handler h) {
      return h.fail(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return CallSupport.answerMeaning(e);
    }
  }

  /**
   * AUTOFS_DEV_IOCTL_ISMOUNTPOINT with no ioctl fd and type AUTOFS_TYPE_ANY: is {@code path} the
   * root of a mount, and of which filesystem (no privilege needed; triggers no request).
   */
  record IsMountpoint(String path) implements KernelCall<MountpointInfo> {
    public IsMountpoint {
      CallSupport.cString(path, "path", false);
    }

    @Override
    public String text() {
      return CallSupport.devIoctl(
          "ISMOUNTPOINT",
          "{.ioctlfd = -1, .ismountpoint.in.type = AUTOFS_TYPE_ANY, .path = " + quote(path) + "}");
    }

    @Override
    public String op() {
      return "ismountpoint";
    }

    @Override
    public MountpointInfo accept(Handler h) {
      return h.isMountpoint(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case ENOENT:
          return Optional.of("the path does not exist");
        case EINVAL:
          return Optional.of("the path has no '/'");
        default:
          return CallSupport.devIoctlMeaning(e);
      }
    }
  }

  // ---------------------------------------------------------------- one mount's state

  /**
   * statx(2) then statmount(2): the state of the mount at {@code path}, read for that one mount
   * instead of from all of /proc/self/mountinfo.
   *
   * <p>First {@code statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT,
   * STATX_MNT_ID_UNIQUE)}: the id of the mount the path is on, and whether the path is that mount's
   * root (STATX_ATTR_MOUNT_ROOT). On a kernel without STATX_MNT_ID_UNIQUE (before 6.8) the old
   * mount id is used, and only if statmount answers for the mount with that old id. Then
   * statmount(2) with {@code struct mnt_id_req {.size = MNT_ID_REQ_SIZE_VER0, .mnt_id = id, .param
   * = MASK}} into a 16 KiB buffer, retried with one twice the size on EOVERFLOW (up to 1 MiB).
   *
   * <p>The answer describes the mount the path is ON. When the path is not a mount point (a
   * directory or file inside a mount) the call still succeeds: {@link MountState#atPath()} is false
   * and the state is the enclosing mount's, so a caller wanting "the mount at this path" reads that
   * as "none". A path that does not exist is ENOENT; a kernel without statmount(2) (before 6.8) or
   * without statx mount ids (before 5.8) is ENOSYS. The {@link KernelException#detail()} says which
   * of the two system calls failed.
   *
   * <p>Autofs, as measured on Linux 6.18 (StatMountOnTheRealKernelTest): AT_NO_AUTOMOUNT keeps an
   * autofs mount point (direct, indirect or offset) from being mounted on demand, so reading it
   * sends no request, whoever owns it. Two things it does not prevent, for a caller outside the
   * owner's process group on a mount that is not catatonic: while a request for that mount point is
   * pending, the path walk waits for its answer like any lookup (and fails with ENOENT when the
   * request fails); and a name that does not exist in the root of an indirect mount is sent to the
   * owner as a request (the kernel does that for such names whatever the flags), and the call
   * waits.
   */
  record StatMount(String path) implements KernelCall<MountState> {
    /** AT_FDCWD. */
    public static final int AT_FDCWD = -100;

    /** AT_SYMLINK_NOFOLLOW: a symlink itself, not what it points to. */
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;

    /** AT_NO_AUTOMOUNT: never trigger an automount on the last component of the path. */
    public static final int AT_NO_AUTOMOUNT = 0x800;

    /** The statx flags this call passes. */
    public static final int STATX_FLAGS = AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT;

    /** STATX_MNT_ID: stx_mnt_id holds the old (reusable, mountinfo's) mount id; Linux 5.8. */
    public static final int STATX_MNT_ID = 0x1000;

    /** STATX_MNT_ID_UNIQUE: stx_mnt_id holds the unique 64-bit mount id; Linux 6.8. */
    public static final int STATX_MNT_ID_UNIQUE = 0x4000;

    /** STATX_ATTR_MOUNT_ROOT in stx_attributes: the path is the root of its mount. */
    public static final long STATX_ATTR_MOUNT_ROOT = 0x2000;

    /** What statmount is asked for: every group a mountinfo line needs, and the supported mask. */
    public static final long MASK =
        MountState.STATMOUNT_SB_BASIC
            | MountState.STATMOUNT_MNT_BASIC
            | MountState.STATMOUNT_PROPAGATE_FROM
            | MountState.STATMOUNT_MNT_ROOT
            | MountState.STATMOUNT_MNT_POINT
            | MountState.STATMOUNT_FS_TYPE
            | MountState.STATMOUNT_MNT_OPTS
            | MountState.STATMOUNT_FS_SUBTYPE
            | MountState.STATMOUNT_SB_SOURCE
            | MountState.STATMOUNT_SUPPORTED_MASK;

    public StatMount {
      CallSupport.cString(path, "path", false);
    }

    @Override
    public String text() {
      return "statmount(statx(AT_FDCWD, "
          + quote(path)
          + ", AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT, STATX_MNT_ID_UNIQUE).stx_mnt_id, "
          + CText.statmountMask(MASK)
          + ", &buf)";
    }

    @Override
    public String op() {
      return "statmount";
    }

    @Override
    public MountState accept(Handler h) {
      return h.statMount(this);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case ENOENT:
          return Optional.of(
              "the path does not exist (statx), or an autofs request the path walk waited on"
                  + " failed, or the mount went away before statmount");
        case ENOSYS:
          return Optional.of(
              "this kernel has no statmount(2) (Linux 6.8) or no statx mount id (Linux 5.8)");
        case EPERM:
          return Optional.of(
              "statmount refused: the mount is not reachable from this process's root, or a"
                  + " seccomp filter refused the call");
        case EOVERFLOW:
          return Optional.of("the mount's strings do not fit even the largest buffer offered");
        case EINVAL:
          return Optional.of("the kernel refused the request: mnt_id_req size, flags or mount id");
        case EPROTO:
          return Optional.of("statmount answered with a struct that does not add up");
        default:
          return CallSupport.pathMeaning(e);
      }
    }
  }
}
