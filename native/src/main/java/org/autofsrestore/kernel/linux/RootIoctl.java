package org.autofsrestore.kernel.linux;

import static org.autofsrestore.kernel.linux.AutofsAbi.*;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/** The AUTOFS_IOC_* ioctls, issued on an fd open on an autofs mount's root (the ioctl fd). */
final class RootIoctl {
  private RootIoctl() {}

  static void ready(int fd, long token) throws LastErrorException {
    LibC.ioctl(fd, AUTOFS_IOC_READY, token);
  }

  /** AUTOFS_IOC_FAIL always fails the request with ENOENT; there is no status argument. */
  static void fail(int fd, long token) throws LastErrorException {
    LibC.ioctl(fd, AUTOFS_IOC_FAIL, token);
  }

  static void catatonic(int fd) throws LastErrorException {
    LibC.ioctl(fd, AUTOFS_IOC_CATATONIC, 0L);
  }

  static int protover(int fd) throws LastErrorException {
    Memory m = new Memory(INT);
    m.setInt(0, 0);
    LibC.ioctl(fd, AUTOFS_IOC_PROTOVER, m);
    return m.getInt(0);
  }

  static int protosubver(int fd) throws LastErrorException {
    Memory m = new Memory(INT);
    m.setInt(0, 0);
    LibC.ioctl(fd, AUTOFS_IOC_PROTOSUBVER, m);
    return m.getInt(0);
  }

  /**
   * AUTOFS_IOC_SETTIMEOUT with its full 8-byte unsigned long: the kernel reads the new timeout from
   * it and writes the old one back into it.
   */
  static long setTimeout(int fd, long seconds) throws LastErrorException {
    Memory m = new Memory(UNSIGNED_LONG);
    m.setLong(0, seconds);
    LibC.ioctl(fd, AUTOFS_IOC_SETTIMEOUT, m);
    return m.getLong(0);
  }

  static boolean askumount(int fd) throws LastErrorException {
    Memory m = new Memory(INT);
    m.setInt(0, 0);
    LibC.ioctl(fd, AUTOFS_IOC_ASKUMOUNT, m);
    return m.getInt(0) != 0;
  }

  /** AUTOFS_IOC_EXPIRE_MULTI (EAGAIN: nothing to expire). */
  static void expireMulti(int fd, int how) throws LastErrorException {
    Memory m = new Memory(INT);
    m.setInt(0, how);
    LibC.ioctl(fd, AUTOFS_IOC_EXPIRE_MULTI, m);
  }
}
