package org.autofsrestore.app.repair;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.linux.LinuxKernel;
import org.autofsrestore.kernel.linux.MountNamespaces;
import org.autofsrestore.kernel.probe.MountTable;

/** The real host of a repair run: this machine's kernel, /proc and signals. */
public final class HostRepair implements RepairRun.Host {
  private final Path procRoot;
  private final LinuxKernel kernel = new LinuxKernel();

  public HostRepair(Path procRoot) {
    this.procRoot = procRoot;
  }

  @Override
  public <T> T inMountNamespace(long pid, Callable<T> work) throws Exception {
    return MountNamespaces.callIn(pid, work);
  }

  @Override
  public Kernel kernel() {
    return kernel;
  }

  @Override
  public void signal(long pid, String signal) throws Exception {
    int number =
        switch (signal.toUpperCase(Locale.ROOT)) {
          case "SIGHUP" -> 1;
          case "SIGUSR1" -> 10;
          default -> throw new IllegalArgumentException("no signal " + signal);
        };
    MountNamespaces.kill(pid, number);
  }

  @Override
  public MountTable mountinfo(long pid) throws IOException {
    return MountTable.read(procRoot.resolve(Long.toString(pid)).resolve("mountinfo"));
  }

  @Override
  public void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  @Override
  public long nowMillis() {
    return System.nanoTime() / 1_000_000;
  }
}
