package org.autofsrestore.kernel;

/**
 * Runs kernel operations. The real implementation is {@code
 * org.autofsrestore.kernel.linux.LinuxKernel}; a dry-run recorder and a fault injector are other
 * implementations of this same interface.
 *
 * <p>Implementations typically do {@code return call.invoke(syscalls)} on a {@link Syscalls} of
 * their own: each {@link KernelCall} record knows the one primitive it runs as.
 */
public interface Kernel {
  /**
   * Runs {@code call} and returns its result.
   *
   * @throws KernelException when the kernel refuses the call; it names the call and the errno
   */
  <R> R run(KernelCall<R> call) throws KernelException;
}
