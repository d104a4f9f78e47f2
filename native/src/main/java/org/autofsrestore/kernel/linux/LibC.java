package org.autofsrestore.kernel.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * glibc, direct-mapped (JNA registers these natives once; a call costs about as much as a JNI
 * call). Every function that reports failure through errno throws {@link LastErrorException}
 * carrying that errno. Paths are NUL-terminated byte arrays ({@link #path}), so no JNA string
 * encoding is involved. ioctl and open are variadic in C; on x86_64 calling them with a fixed
 * integer/pointer third argument is ABI-compatible.
 */
final class LibC {
  static {
    // Unless told where the platform's libraries are, JNA's first use forks `ldconfig -p` to list
    // them (~10 ms of a start, and a child process under an operator's strace); glibc is opened
    // by its soname below, which the dynamic linker finds itself, so the list is never needed.
    if (Platform.isLinux() && System.getProperty("jna.platform.library.path") == null) {
      System.setProperty(
          "jna.platform.library.path", "/lib64:/usr/lib64:/lib:/usr/lib:/usr/local/lib");
    }
    Native.register(
        LibC.class,
        NativeLibrary.getInstance(Platform.isLinux() ? "libc.so.6" : Platform.C_LIBRARY_NAME));
  }

  private LibC() {}

  /** "a/b" as a NUL-terminated UTF-8 byte array; null stays null (a NULL pointer). */
  static byte[] path(String s) {
    if (s == null) {
      return null;
    }
    byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] z = new byte[utf8.length + 1];
    System.arraycopy(utf8, 0, z, 0, utf8.length);
    return z;
  }

  static native int mount(byte[] source, byte[] target, byte[] fstype, long flags, byte[] data)
      throws LastErrorException;

  static native int umount2(byte[] target, int flags) throws LastErrorException;

  static native int pipe2(Pointer pipefd, int flags) throws LastErrorException;

  static native int open(byte[] path, int flags, int mode) throws LastErrorException;

  static native int openat(int dirfd, byte[] path, int flags, int mode) throws LastErrorException;

  static native int mkdirat(int dirfd, byte[] path, int mode) throws LastErrorException;

  static native int close(int fd) throws LastErrorException;

  static native int stat(byte[] path, Pointer buf) throws LastErrorException;

  static native int fstat(int fd, Pointer buf) throws LastErrorException;

  static native int mkdir(byte[] path, int mode) throws LastErrorException;

  static native int rmdir(byte[] path) throws LastErrorException;

  /** ioctl with a pointer argument. */
  static native int ioctl(int fd, long request, Pointer arg) throws LastErrorException;

  /** ioctl with an integer argument (AUTOFS_IOC_READY/FAIL take the token by value). */
  static native int ioctl(int fd, long request, long arg) throws LastErrorException;

  static native long read(int fd, Pointer buf, long count) throws LastErrorException;

  static native long write(int fd, Pointer buf, long count) throws LastErrorException;

  static native int poll(Pointer fds, long nfds, int timeout) throws LastErrorException;

  /**
   * syscall(SYS_statx, dirfd, path, flags, mask, statxbuf), for statx without depending on the
   * glibc wrapper (2.28+). Every argument is passed as a long: glibc's syscall() hands the kernel
   * six full registers, and the kernel narrows the int parameters itself.
   */
  static native long syscall(
      long number, long dirfd, byte[] path, long flags, long mask, Pointer buf)
      throws LastErrorException;

  /** syscall(SYS_statmount, req, buf, bufsize, flags): glibc has no wrapper. */
  static native long syscall(long number, Pointer req, Pointer buf, long bufsize, long flags)
      throws LastErrorException;

  static native int unlinkat(int dirfd, byte[] path, int flags) throws LastErrorException;

  /** syscall(SYS_openat2, dirfd, path, how, size). */
  static native long syscall(long number, long dirfd, byte[] path, Pointer how, long size)
      throws LastErrorException;

  /** syscall(SYS_fsopen, fsname, flags). */
  static native long syscall(long number, byte[] fsname, long flags) throws LastErrorException;

  /** syscall(SYS_fsconfig, fd, cmd, key, value, aux). */
  static native long syscall(long number, long fd, long cmd, byte[] key, byte[] value, long aux)
      throws LastErrorException;

  /** syscall(SYS_fsmount, fd, flags, attr_flags). */
  static native long syscall(long number, long fd, long flags, long attrFlags)
      throws LastErrorException;

  /** syscall(SYS_move_mount, from_dfd, from_path, to_dfd, to_path, flags). */
  static native long syscall(
      long number, long fromFd, byte[] fromPath, long toFd, byte[] toPath, long flags)
      throws LastErrorException;

  /** syscall(SYS_getdents64, fd, dirp, count). */
  static native long syscall(long number, long fd, Pointer dirp, long count)
      throws LastErrorException;

  static native int getpgrp();
}
