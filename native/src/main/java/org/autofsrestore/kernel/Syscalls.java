package org.autofsrestore.kernel;

import java.util.Optional;

/**
 * The primitives {@link KernelCall}s run as: one method per libc function or autofs command, with
 * Java values in and out. The Linux implementation ({@code
 * org.autofsrestore.kernel.linux.LinuxSyscalls}) is libc through JNA; a failure leaves a method as
 * an unchecked error of the implementation (errno and nothing else: the {@link Kernel} running the
 * call names it), or as a {@link Failure} where there is more to say.
 *
 * <p>Paths are Java strings passed as UTF-8; a null {@code source} or {@code data} of {@link
 * #mount} is a NULL pointer.
 */
public interface Syscalls {
  PipeEnds pipe2(int flags);

  void mount(String source, String target, String fstype, long flags, String data);

  void umount2(String target, int flags);

  FileStat stat(String path);

  FileStat fstat(int fd);

  void mkdir(String path, int mode);

  void mkdirat(int dirFd, String path, int mode);

  void rmdir(String path);

  /** open(2) without a mode. */
  int open(String path, int flags);

  /** openat(2) without a mode. */
  int openat(int dirFd, String path, int flags);

  void close(int fd);

  // ---- held fds: nothing looked up outside the fd given

  /**
   * openat2(2) with {@code struct open_how {flags, 0, resolve}}; where the kernel has none
   * (ENOSYS), a walk of one openat(O_PATH|O_NOFOLLOW|O_DIRECTORY) per component that refuses ".."
   * and symlinks (ELOOP) and honours RESOLVE_NO_XDEV (EXDEV).
   */
  int openat2(int dirFd, String path, int flags, long resolve);

  void unlinkat(int dirFd, String name, int flags);

  /** Entries other than "." and ".." in the directory held by {@code fd} (first 4 KiB of them). */
  int countEntries(int fd);

  /** statx(fd, "", AT_EMPTY_PATH|AT_SYMLINK_NOFOLLOW, STATX_TYPE|STATX_MNT_ID). */
  FdIdentity statxFd(int fd);

  // ---- the new mount API

  int fsopen(String fsname, int flags);

  /** {@code key} and {@code value} may be null (a NULL pointer). */
  void fsconfig(int fsFd, int cmd, String key, String value);

  int fsmount(int fsFd, int flags, int attrFlags);

  /** move_mount(fromFd, "", toFd, "", flags). */
  void moveMount(int fromFd, int toFd, int flags);

  int getpgrp();

  /** poll(2) for POLLIN on one fd: true when readable or hung up, false on timeout. */
  boolean poll(int fd, int timeoutMillis);

  /** read(2) of one autofs request packet; empty at end of file. */
  Optional<AutofsPacket> readPacket(int fd);

  // ---- AUTOFS_IOC_* on an ioctl fd

  int protover(int ioctlFd);

  int protosubver(int ioctlFd);

  /** Returns the old timeout. */
  long setTimeout(int ioctlFd, long seconds);

  void catatonic(int ioctlFd);

  // ---- AUTOFS_DEV_IOCTL_* through /dev/autofs

  DevIoctlVersion devIoctlVersion();

  /** Returns the new ioctl fd. */
  int openMount(String path, long devid);

  void closeMount(int ioctlFd);

  void setPipeFd(int ioctlFd, int pipeFd);

  void ready(int ioctlFd, long token);

  /** {@code status} is a negative errno. */
  void fail(int ioctlFd, long token, int status);

  MountpointInfo isMountpoint(String path);

  // ---- one mount's state

  /** statx(2) then statmount(2): see {@link MountQuery.StatMount}. */
  MountState statMount(String path);

  /**
   * A primitive failed with more to say than its errno: which part of it failed, or another call it
   * needed first ({@code sideCall}, e.g. the open(2) of /dev/autofs), which is then the call the
   * {@link KernelException} names.
   *
   * @param errno the errno number (one Errno does not know is reported as EIO)
   */
  final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String detail;
    private final transient KernelCall<?> sideCall;

    public Failure(int errno, String detail, KernelCall<?> sideCall) {
      super(detail, null, false, false);
      this.errno = errno;
      this.detail = detail;
      this.sideCall = sideCall;
    }

    public Failure(Errno errno, String detail) {
      this(errno.number(), detail, null);
    }

    public int errno() {
      return errno;
    }

    /** What failed, or null. */
    public String detail() {
      return detail;
    }

    /** The call that failed instead of the one that ran, or null. */
    public KernelCall<?> sideCall() {
      return sideCall;
    }
  }
}
