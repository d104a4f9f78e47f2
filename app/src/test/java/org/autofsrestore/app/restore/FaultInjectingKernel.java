package org.autofsrestore.app.restore;

import java.util.concurrent.atomic.AtomicInteger;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.KernelCall;
import org.autofsrestore.kernel.KernelException;

/** The real kernel, except that call number {@code failAt} (counting from 1) fails. */
final class FaultInjectingKernel implements Kernel {
  private final Kernel real;
  private final int failAt;
  private final Errno errno;
  private final AtomicInteger count = new AtomicInteger();
  volatile KernelCall<?> failed;

  FaultInjectingKernel(Kernel real, int failAt, Errno errno) {
    this.real = real;
    this.failAt = failAt;
    this.errno = errno;
  }

  @Override
  public <R> R run(KernelCall<R> call) {
    if (count.incrementAndGet() == failAt) {
      failed = call;
      throw new KernelException(call, errno, "injected");
    }
    return real.run(call);
  }

  int calls() {
    return count.get();
  }
}
