package org.autofsrestore.kernel;

/**
 * Runs kernel operations. The real implementation is {@code
 * org.autofsrestore.kernel.linux.LinuxKernel}; a dry-run recorder and a fault injector are other
 * implementations of this same interface.
 *
 * <p>Implementations typically do {@code return call.accept(handler)} with a {@link
 * KernelCall.Handler} of their own, which makes the compiler check that every call is handled.
 */
public interface Kernel {
  /**
   * Runs {@code call} and returns its result.
   *
   * @throws KernelException when the kernel refuses the call; it names the call and the errno
   */
  <R> R run(KernelCall<R> call) throws KernelException;
}
