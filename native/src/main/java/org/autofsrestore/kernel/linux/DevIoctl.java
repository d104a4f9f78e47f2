package org.autofsrestore.kernel.linux;

import static org.autofsrestore.kernel.linux.AutofsAbi.*;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import org.autofsrestore.kernel.DevIoctlVersion;
import org.autofsrestore.kernel.MountpointInfo;
import org.autofsrestore.kernel.linux.AutofsAbi.DevCommand;

/**
 * Every AUTOFS_DEV_IOCTL_* command on an open /dev/autofs fd, through struct autofs_dev_ioctl
 * (24-byte header, then the NUL-terminated path where the command takes one). Failures are the
 * {@link LastErrorException} of the ioctl.
 */
final class DevIoctl {
  private final int controlFd;

  DevIoctl(int controlFd) {
    this.controlFd = controlFd;
  }

  /** The struct, initialised as init_autofs_dev_ioctl() does, with the path appended if any. */
  static Memory struct(int ioctlFd, String path) {
    byte[] p = LibC.path(path);
    int size = SIZEOF_DEV_IOCTL + (p == null ? 0 : p.length);
    Memory m = new Memory(size);
    m.clear();
    m.setInt(DEV_VER_MAJOR, DEV_IOCTL_VERSION_MAJOR);
    m.setInt(DEV_VER_MINOR, DEV_IOCTL_VERSION_MINOR);
    m.setInt(DEV_SIZE, size);
    m.setInt(DEV_IOCTLFD, ioctlFd);
    if (p != null) {
      m.write(DEV_PATH, p, 0, p.length);
    }
    return m;
  }

  int invoke(DevCommand command, Memory struct) throws LastErrorException {
    return LibC.ioctl(controlFd, command.request(), struct);
  }

  DevIoctlVersion version() {
    Memory m = struct(-1, null);
    invoke(DevCommand.VERSION, m);
    return new DevIoctlVersion(m.getInt(DEV_VER_MAJOR), m.getInt(DEV_VER_MINOR));
  }

  int protover(int ioctlFd) {
    Memory m = struct(ioctlFd, null);
    invoke(DevCommand.PROTOVER, m);
    return m.getInt(DEV_ARG);
  }

  int protosubver(int ioctlFd) {
    Memory m = struct(ioctlFd, null);
    invoke(DevCommand.PROTOSUBVER, m);
    return m.getInt(DEV_ARG);
  }

  /** Returns the new ioctl fd (O_CLOEXEC). */
  int openmount(String path, long devid) {
    Memory m = struct(-1, path);
    m.setInt(DEV_ARG, (int) devid);
    invoke(DevCommand.OPENMOUNT, m);
    return m.getInt(DEV_IOCTLFD);
  }

  void closemount(int ioctlFd) {
    invoke(DevCommand.CLOSEMOUNT, struct(ioctlFd, null));
  }

  void ready(int ioctlFd, long token) {
    Memory m = struct(ioctlFd, null);
    m.setInt(DEV_ARG, (int) token);
    invoke(DevCommand.READY, m);
  }

  /** {@code status} is a negative errno; the kernel turns anything else into -ENOENT. */
  void fail(int ioctlFd, long token, int status) {
    Memory m = struct(ioctlFd, null);
    m.setInt(DEV_ARG, (int) token);
    m.setInt(DEV_ARG2, status);
    invoke(DevCommand.FAIL, m);
  }

  void setpipefd(int ioctlFd, int pipeFd) {
    Memory m = struct(ioctlFd, null);
    m.setInt(DEV_ARG, pipeFd);
    invoke(DevCommand.SETPIPEFD, m);
  }

  void catatonic(int ioctlFd) {
    invoke(DevCommand.CATATONIC, struct(ioctlFd, null));
  }

  /** Sets the mount's expire timeout (seconds, 64 bits) and returns the old one. */
  long timeout(int ioctlFd, long seconds) {
    Memory m = struct(ioctlFd, null);
    m.setLong(DEV_ARG, seconds);
    invoke(DevCommand.TIMEOUT, m);
    return m.getLong(DEV_ARG);
  }

  /** The uid and gid of the last request for {@code path} on the mount: {uid, gid}. */
  long[] requester(int ioctlFd, String path) {
    Memory m = struct(ioctlFd, path);
    invoke(DevCommand.REQUESTER, m);
    return new long[] {m.getInt(DEV_ARG) & 0xffffffffL, m.getInt(DEV_ARG2) & 0xffffffffL};
  }

  /** Asks the kernel to expire what it can (EAGAIN: nothing to expire). */
  int expire(int ioctlFd, int how) {
    Memory m = struct(ioctlFd, null);
    m.setInt(DEV_ARG, how);
    return invoke(DevCommand.EXPIRE, m);
  }

  boolean askumount(int ioctlFd) {
    Memory m = struct(ioctlFd, null);
    invoke(DevCommand.ASKUMOUNT, m);
    return m.getInt(DEV_ARG) != 0;
  }

  /** ISMOUNTPOINT; {@code ioctlFd} -1 and {@code type} AUTOFS_TYPE_ANY ask about any mount. */
  MountpointInfo ismountpoint(int ioctlFd, String path, int type) {
    Memory m = struct(ioctlFd, path);
    m.setInt(DEV_ARG, type);
    int ret = invoke(DevCommand.ISMOUNTPOINT, m);
    return new MountpointInfo(
        ret == 1, m.getInt(DEV_ARG) & 0xffffffffL, m.getInt(DEV_ARG2) & 0xffffffffL);
  }
}
