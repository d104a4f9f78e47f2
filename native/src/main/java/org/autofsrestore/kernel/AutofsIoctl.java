package org.autofsrestore.kernel;

import static org.autofsrestore.kernel.CText.quote;

import java.util.Objects;
import java.util.Optional;

/**
 * The autofs ioctls. Which ioctl each uses (they are not interchangeable, see DESIGN.md section 5):
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
 * <p>Unsigned C values (tokens, device numbers, the timeout) are carried in a {@code long}.
 *
 * @param <R> what the call returns; {@link Void} (null) for calls that return only success
 */
public sealed interface AutofsIoctl<R> extends KernelCall<R> {

  /** AUTOFS_DEV_IOCTL_VERSION: the control interface version (no privilege needed). */
  record Version() implements AutofsIoctl<DevIoctlVersion> {
    @Override
    public String text() {
      return CallSupport.devIoctl("VERSION", "{.ioctlfd = -1}");
    }

    @Override
    public String op() {
      return "version";
    }

    @Override
    public DevIoctlVersion invoke(Syscalls s) {
      return s.devIoctlVersion();
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return CallSupport.devIoctlMeaning(e);
    }
  }

  /** AUTOFS_IOC_PROTOVER on the ioctl fd: the mount's protocol version (3..5). */
  record ProtoVersion(int ioctlFd) implements AutofsIoctl<Integer> {
    @Override
    public String text() {
      return "ioctl(" + ioctlFd + ", AUTOFS_IOC_PROTOVER, &(int){0})";
    }

    @Override
    public String op() {
      return "protover";
    }

    @Override
    public Integer invoke(Syscalls s) {
      return s.protover(ioctlFd);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return CallSupport.rootIoctlMeaning(e);
    }
  }

  /** AUTOFS_IOC_PROTOSUBVER on the ioctl fd: the mount's protocol sub version. */
  record ProtoSubversion(int ioctlFd) implements AutofsIoctl<Integer> {
    @Override
    public String text() {
      return "ioctl(" + ioctlFd + ", AUTOFS_IOC_PROTOSUBVER, &(int){0})";
    }

    @Override
    public String op() {
      return "protosubver";
    }

    @Override
    public Integer invoke(Syscalls s) {
      return s.protosubver(ioctlFd);
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
  record OpenMount(String path, long devid) implements AutofsIoctl<Integer> {
    public OpenMount {
      CallSupport.cString(path, "path", false);
      CallSupport.u32(devid, "devid");
    }

    @Override
    public String text() {
      return text(path, devid + " /* " + Dev.format(devid) + " */");
    }

    /**
     * The text with the device number as given: the number with its major:minor, or a preview's
     * placeholder for one not known yet.
     */
    public static String text(String path, String devid) {
      return CallSupport.devIoctl(
          "OPENMOUNT",
          "{.ioctlfd = -1, .openmount.devid = " + devid + ", .path = " + quote(path) + "}");
    }

    @Override
    public String op() {
      return "openmount";
    }

    @Override
    public Integer invoke(Syscalls s) {
      return s.openMount(path, devid);
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
  record CloseMount(int ioctlFd) implements AutofsIoctl<Void> {
    @Override
    public String text() {
      return text(Integer.toString(ioctlFd));
    }

    /**
     * The text with the fd as given: a number, or a preview's placeholder for one not known yet
     * (the same spelling either way).
     */
    public static String text(String ioctlFd) {
      return CallSupport.devIoctl("CLOSEMOUNT", "{.ioctlfd = " + ioctlFd + "}");
    }

    @Override
    public String op() {
      return "closemount";
    }

    @Override
    public Void invoke(Syscalls s) {
      s.closeMount(ioctlFd);
      return null;
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
  record SetTimeout(int ioctlFd, long seconds) implements AutofsIoctl<Long> {
    @Override
    public String text() {
      return text(Integer.toString(ioctlFd), seconds);
    }

    /**
     * The text with the fd as given: a number, or a preview's placeholder for one not known yet
     * (the same spelling either way).
     */
    public static String text(String ioctlFd, long seconds) {
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
    public Long invoke(Syscalls s) {
      return s.setTimeout(ioctlFd, seconds);
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
  record Catatonic(int ioctlFd) implements AutofsIoctl<Void> {
    @Override
    public String text() {
      return text(Integer.toString(ioctlFd));
    }

    /**
     * The text with the fd as given: a number, or a preview's placeholder for one not known yet
     * (the same spelling either way).
     */
    public static String text(String ioctlFd) {
      return "ioctl(" + ioctlFd + ", AUTOFS_IOC_CATATONIC, 0)";
    }

    @Override
    public String op() {
      return "catatonic";
    }

    @Override
    public Void invoke(Syscalls s) {
      s.catatonic(ioctlFd);
      return null;
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
  record SetPipeFd(int ioctlFd, int pipeFd) implements AutofsIoctl<Void> {
    @Override
    public String text() {
      return text(Integer.toString(ioctlFd), Integer.toString(pipeFd));
    }

    /** The text with the fds as given: numbers, or a preview's placeholders for ones not known. */
    public static String text(String ioctlFd, String pipeFd) {
      return CallSupport.devIoctl(
          "SETPIPEFD", "{.ioctlfd = " + ioctlFd + ", .setpipefd.pipefd = " + pipeFd + "}");
    }

    @Override
    public String op() {
      return "setpipefd";
    }

    @Override
    public Void invoke(Syscalls s) {
      s.setPipeFd(ioctlFd, pipeFd);
      return null;
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
  record Ready(int ioctlFd, long token) implements AutofsIoctl<Void> {
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
    public Void invoke(Syscalls s) {
      s.ready(ioctlFd, token);
      return null;
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
  record Fail(int ioctlFd, long token, Errno status) implements AutofsIoctl<Void> {
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
    public Void invoke(Syscalls s) {
      s.fail(ioctlFd, token, -status.number());
      return null;
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
  record IsMountpoint(String path) implements AutofsIoctl<MountpointInfo> {
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
    public MountpointInfo invoke(Syscalls s) {
      return s.isMountpoint(path);
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
}
