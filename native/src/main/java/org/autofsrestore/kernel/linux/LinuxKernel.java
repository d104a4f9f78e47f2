package org.autofsrestore.kernel.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Platform;
import java.util.Optional;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.KernelCall;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.Syscalls;

/**
 * The real {@link Kernel}: each {@link KernelCall} runs on this process as its {@link Syscalls}
 * primitive, libc through JNA direct mapping ({@link LinuxSyscalls}). {@link #run} is the one place
 * a failure becomes the call's {@link KernelException} (its errno, and what else the primitive
 * said) and where calls are logged, at DEBUG with their text and result.
 *
 * <p>Thread-safe: calls keep no state but the /dev/autofs control fd, opened on the first
 * /dev/autofs command; {@link #close()} must not race a running /dev/autofs command. EINTR is
 * reported, not retried. x86_64 Linux only: the struct layouts in {@link AutofsAbi}, {@link
 * StatAbi} and {@link MountAbi} and the system call numbers are that ABI's.
 */
public final class LinuxKernel implements Kernel, AutoCloseable {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LinuxKernel.class);

  /** The autofs control device. */
  public static final String DEV_AUTOFS = "/dev/autofs";

  /** The first statmount buffer: struct statmount and 15.5 KiB of strings. */
  static final int STATMOUNT_BUFFER = 16 * 1024;

  /** The largest statmount buffer offered before EOVERFLOW is reported. */
  static final int STATMOUNT_BUFFER_MAX = 1024 * 1024;

  private final LinuxSyscalls syscalls;

  public LinuxKernel() {
    this(DEV_AUTOFS);
  }

  /** A kernel whose /dev/autofs commands go through {@code controlDevice}. */
  public LinuxKernel(String controlDevice) {
    this(controlDevice, STATMOUNT_BUFFER);
  }

  /** For this package's tests: a first statmount buffer of {@code statmountBuffer} bytes. */
  LinuxKernel(String controlDevice, int statmountBuffer) {
    if (statmountBuffer < MountAbi.SIZEOF_STATMOUNT || statmountBuffer > STATMOUNT_BUFFER_MAX) {
      throw new IllegalArgumentException("statmount buffer of " + statmountBuffer + " bytes");
    }
    if (!isSupportedPlatform()) {
      throw new UnsupportedOperationException(
          "LinuxKernel needs x86_64 Linux; this is "
              + System.getProperty("os.name")
              + " "
              + System.getProperty("os.arch"));
    }
    this.syscalls = new LinuxSyscalls(controlDevice, statmountBuffer);
  }

  /** True on x86_64 Linux, the only ABI the structs here are laid out for. */
  public static boolean isSupportedPlatform() {
    return Platform.isLinux() && Platform.isIntel() && Platform.is64Bit();
  }

  @Override
  public <R> R run(KernelCall<R> call) {
    KernelException failure;
    try {
      R result = call.invoke(syscalls);
      if (log.isDebugEnabled()) {
        log.debug("{} = {}", call.text(), result == null ? "0" : result);
      }
      return result;
    } catch (LastErrorException e) {
      failure = failed(call, e.getErrorCode(), null);
    } catch (Syscalls.Failure f) {
      failure =
          f.sideCall() == null
              ? failed(call, f.errno(), f.detail())
              : new KernelException(
                  f.sideCall(),
                  Errno.forNumber(f.errno()).orElse(Errno.EIO),
                  "needed to run " + call.text());
    }
    log.debug("{}", failure.getMessage());
    throw failure;
  }

  /** An errno Errno does not know is reported as EIO, its number in the detail. */
  private static KernelException failed(KernelCall<?> call, int errno, String detail) {
    Optional<Errno> known = Errno.forNumber(errno);
    if (known.isPresent()) {
      return new KernelException(call, known.get(), detail);
    }
    String unknown = "unknown errno " + errno;
    return new KernelException(call, Errno.EIO, detail == null ? unknown : detail + ", " + unknown);
  }

  /** Closes the /dev/autofs control fd, if open. */
  @Override
  public void close() {
    syscalls.close();
  }

  /** The low-level /dev/autofs commands, for this package's tests and tools. */
  DevIoctl devIoctl() {
    return syscalls.dev();
  }

  /**
   * The primitives without {@link #run}'s DEBUG logging and errno wrapping, for this package's
   * measurements (a thousand logged calls measure the logger).
   */
  Syscalls unlogged() {
    return syscalls;
  }
}
