package org.autofsrestore.app.repair;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.autofsrestore.kernel.AutofsIoctl;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.KernelCall;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;

/**
 * Runs a repair plan's steps for real: the kernel calls in the tree's mount namespace, the signals
 * from here, then the waits on /proc/PID/mountinfo. Each step's outcome is a line; the first
 * failure stops the calls of that mount and the run goes on with the others' (a mount left parked
 * and unmounted is no worse than a hanging one: automount mounts it again on SIGHUP).
 *
 * <p>Not proven on a real stack yet (issue 25): written from the sources, see docs/DESIGN.md.
 */
public final class RepairRun {
  /** What the run needs of the system. */
  public interface Host {
    /** {@code work} in the mount namespace of {@code pid}. */
    <T> T inMountNamespace(long pid, Callable<T> work) throws Exception;

    /** The kernel the calls run on (in the namespace, on the thread that entered it). */
    Kernel kernel();

    /** kill(pid, signal); signal by name (SIGHUP). */
    void signal(long pid, String signal) throws Exception;

    /** The mount table of {@code pid}. */
    MountTable mountinfo(long pid) throws IOException;

    /** Waits {@code millis}. */
    void sleep(long millis) throws InterruptedException;

    /** Milliseconds of a monotonic clock. */
    long nowMillis();
  }

  /** One step's outcome: its text and "ok" or what went wrong. */
  public record Outcome(String step, boolean ok, String detail) {}

  private RepairRun() {}

  public static List<Outcome> run(RepairPlan plan, Host host) throws InterruptedException {
    List<Outcome> out = new ArrayList<>();
    List<RepairStep> calls = new ArrayList<>();
    List<RepairStep> after = new ArrayList<>();
    for (RepairStep s : plan.steps()) {
      if (s instanceof RepairStep.Call || s instanceof RepairStep.OnIoctlFd) {
        calls.add(s);
      } else if (!(s instanceof RepairStep.EnterMountNamespace)) {
        after.add(s);
      }
    }
    try {
      out.addAll(host.inMountNamespace(plan.pid(), () -> calls(calls, host.kernel())));
      out.add(0, new Outcome(new RepairStep.EnterMountNamespace(plan.pid()).text(), true, "ok"));
    } catch (Exception e) {
      out.add(
          new Outcome(
              new RepairStep.EnterMountNamespace(plan.pid()).text(), false, e.getMessage()));
      return out;
    }
    for (RepairStep s : after) {
      out.add(after(s, plan.pid(), host));
    }
    return out;
  }

  private static List<Outcome> calls(List<RepairStep> steps, Kernel kernel) {
    List<Outcome> out = new ArrayList<>();
    Map<String, Integer> fds = new HashMap<>();
    List<String> failed = new ArrayList<>();
    for (RepairStep s : steps) {
      String at = mountOf(s);
      if (failed.contains(at)) {
        out.add(new Outcome(s.text(), false, "not run: a step before it failed"));
        continue;
      }
      try {
        KernelCall<?> call =
            s instanceof RepairStep.OnIoctlFd o
                ? o.call(fds.getOrDefault(at, -1))
                : ((RepairStep.Call) s).call();
        Object r = kernel.run(call);
        if (call instanceof AutofsIoctl.OpenMount) {
          fds.put(at, (Integer) r);
        }
        out.add(new Outcome(call.text(), true, r == null ? "ok" : "= " + r));
      } catch (RuntimeException e) {
        failed.add(at);
        out.add(new Outcome(s.text(), false, e.getMessage()));
      }
    }
    return out;
  }

  private static String mountOf(RepairStep s) {
    if (s instanceof RepairStep.OnIoctlFd o) {
      return o.mountpoint();
    }
    KernelCall<?> c = ((RepairStep.Call) s).call();
    if (c instanceof AutofsIoctl.OpenMount o) {
      return o.path();
    }
    return c instanceof org.autofsrestore.kernel.PosixCall.Umount u ? u.target() : "";
  }

  private static Outcome after(RepairStep s, long pid, Host host) throws InterruptedException {
    if (s instanceof RepairStep.Signal sig) {
      try {
        host.signal(sig.pid(), sig.signal());
        return new Outcome(s.text(), true, "ok");
      } catch (Exception e) {
        return new Outcome(s.text(), false, e.getMessage());
      }
    }
    RepairStep.WaitForFreshTrigger w = (RepairStep.WaitForFreshTrigger) s;
    long until = host.nowMillis() + w.seconds() * 1000L;
    String last = "no autofs mount there";
    while (true) {
      try {
        MountInfo m = fresh(host.mountinfo(pid), w);
        if (m != null) {
          return new Outcome(s.text(), true, "fresh trigger on " + m.major() + ":" + m.minor());
        }
      } catch (IOException | IllegalArgumentException e) {
        last = "cannot read /proc/" + pid + "/mountinfo: " + e.getMessage();
      }
      if (host.nowMillis() >= until) {
        return new Outcome(s.text(), false, "none within " + w.seconds() + " s (" + last + ")");
      }
      host.sleep(100);
    }
  }

  /** The fresh trigger at the wait's mount point, or null. */
  static MountInfo fresh(MountTable table, RepairStep.WaitForFreshTrigger w) {
    MountInfo found = null;
    for (MountInfo m : table.autofs()) {
      if (m.mountPoint().equals(w.mountpoint())) {
        found = m;
      }
    }
    if (found == null || (found.major() + ":" + found.minor()).equals(w.staleDevice())) {
      return null;
    }
    AutofsOptions o = AutofsOptions.parse(found.superOptions());
    boolean owned = !o.catatonic() && o.pgrp() == w.pgrp();
    return owned && o.mode().equals(w.mode()) ? found : null;
  }
}
