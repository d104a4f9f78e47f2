package org.autofsrestore.app.restore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.KernelCall;

/**
 * The dry run's kernel: it records every call it is given, runs none, and answers with no value, so
 * what a step would produce stays a named placeholder.
 */
public final class RecordingKernel implements Kernel {
  private final List<KernelCall<?>> calls = Collections.synchronizedList(new ArrayList<>());

  @Override
  public <R> R run(KernelCall<R> call) {
    calls.add(call);
    return null;
  }

  public List<KernelCall<?>> calls() {
    return List.copyOf(calls);
  }
}
