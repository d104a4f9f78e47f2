package org.autofsrestore.kernel;

import java.util.Optional;

/** Thin compositions of {@link KernelCall}s that every user of {@link Kernel} needs. */
public final class KernelOps {
  private KernelOps() {}

  /**
   * Parks an autofs mount: OPENMOUNT, AUTOFS_IOC_CATATONIC, CLOSEMOUNT. The ioctl fd is closed even
   * when CATATONIC fails.
   *
   * @throws KernelException from the first call that failed
   */
  public static void park(Kernel kernel, String mountPath, long devid) {
    int ioctlFd = kernel.run(new AutofsIoctl.OpenMount(mountPath, devid));
    KernelException failure = null;
    try {
      kernel.run(new AutofsIoctl.Catatonic(ioctlFd));
    } catch (KernelException e) {
      failure = e;
    }
    try {
      kernel.run(new AutofsIoctl.CloseMount(ioctlFd));
    } catch (KernelException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Runs {@code call} and returns the errno it failed with, or empty when it succeeded: for
   * clean-up paths that must go on after a failure.
   */
  public static Optional<KernelException> attempt(Kernel kernel, KernelCall<?> call) {
    try {
      kernel.run(call);
      return Optional.empty();
    } catch (KernelException e) {
      return Optional.of(e);
    }
  }
}
