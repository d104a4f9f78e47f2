package org.autofsrestore.kernel;

import static org.autofsrestore.kernel.CText.DEV_AUTOFS;

import java.util.Optional;

/** Argument checks and shared errno meanings of the {@link KernelCall} records. */
final class CallSupport {
  private CallSupport() {}

  static void cString(String s, String what, boolean nullable) {
    if (s == null) {
      if (!nullable) {
        throw new NullPointerException(what);
      }
      return;
    }
    if (s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(what + " contains a NUL character");
    }
  }

  static void u32(long v, String what) {
    if (v < 0 || v > 0xffffffffL) {
      throw new IllegalArgumentException(what + " is not an unsigned 32-bit value: " + v);
    }
  }

  static String dirFd(int dirFd) {
    return dirFd == -100 ? "AT_FDCWD" : Integer.toString(dirFd);
  }

  static String devIoctl(String command, String struct) {
    return "ioctl(" + DEV_AUTOFS + ", AUTOFS_DEV_IOCTL_" + command + ", " + struct + ")";
  }

  static Optional<String> pathMeaning(Errno e) {
    switch (e) {
      case ENOENT:
        return Optional.of("no such file or directory");
      case ENOTDIR:
        return Optional.of("a component of the path is not a directory");
      case EACCES:
        return Optional.of("search permission denied on a component of the path");
      case ELOOP:
        return Optional.of("too many symbolic links");
      default:
        return Optional.empty();
    }
  }

  static Optional<String> devIoctlMeaning(Errno e) {
    switch (e) {
      case EPERM:
        return Optional.of(
            "the /dev/autofs ioctls other than VERSION and ISMOUNTPOINT need CAP_SYS_ADMIN");
      case EACCES:
        return Optional.of(
            "the caller is not in the mount's process group and the mount is not catatonic");
      case EBADF:
        return Optional.of("the ioctl fd is not open");
      case EINVAL:
        return Optional.of("the ioctl fd is not on an autofs mount, or the request was malformed");
      case ENOTTY:
        return Optional.of("not an autofs control request");
      default:
        return Optional.empty();
    }
  }

  static Optional<String> rootIoctlMeaning(Errno e) {
    switch (e) {
      case ENOTTY:
        return Optional.of("the fd is not open on the root of an autofs mount");
      case EPERM:
        return Optional.of("needs CAP_SYS_ADMIN or the mount's process group");
      case EBADF:
        return Optional.of("the ioctl fd is not open");
      default:
        return Optional.empty();
    }
  }

  static Optional<String> answerMeaning(Errno e) {
    if (e == Errno.EINVAL) {
      return Optional.of(
          "no pending request with that token (already answered, or the mount went catatonic)");
    }
    return devIoctlMeaning(e);
  }
}
