package org.autofsrestore.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.KernelCall;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.MountQuery.StatMount;
import org.autofsrestore.kernel.PipeEnds;
import org.autofsrestore.kernel.Syscalls;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountProbe;
import org.autofsrestore.kernel.probe.MountTable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A measurement, not a timed assertion: the cost of one mount's mountinfo line through {@link
 * StatMount} against a scan of /proc/self/mountinfo, with the sandbox alone and then with 1,000
 * catatonic autofs mounts in this test JVM's private mount namespace. Prints the figures. The calls
 * go through {@link LinuxKernel#unlogged()}: at DEBUG, as these tests run, the logger would be most
 * of what is measured.
 */
// A measurement, not a test: it runs only when asked for, on a kernel with statmount, e.g.
// scripts/kernel-vm --kernel 6.12 --rw "$PWD" -- mvn -o -pl native surefire:test -Dgroups=benchmark
@Tag("benchmark")
@Timeout(300)
class StatMountCostOnTheRealKernelTest {
  private static final Logger log = LoggerFactory.getLogger(StatMountCostOnTheRealKernelTest.class);

  static final int MOUNTS = 1_000;

  /** Median over {@code rounds} rounds of the time per call of {@code calls} calls, in ns. */
  static double nanosPerCall(int rounds, int calls, Runnable[] work) {
    double[] perCall = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        work[i % work.length].run();
      }
      perCall[r] = (System.nanoTime() - t0) / (double) calls;
    }
    Arrays.sort(perCall);
    return perCall[rounds / 2];
  }

  record Figures(int mounts, int mountinfoBytes, double statmount, double probe, double scan) {
    String describe() {
      return String.format(
          Locale.ROOT,
          "%d mounts (mountinfo %,d bytes): StatMount %.1f us, MountProbe.at+line %.1f us,"
              + " MountTable.readSelf().at+line %.1f us per call (%.0fx)",
          mounts,
          mountinfoBytes,
          statmount / 1e3,
          probe / 1e3,
          scan / 1e3,
          scan / probe);
    }
  }

  static Figures measure(Syscalls quiet, Kernel quietKernel, List<String> paths) throws Exception {
    Runnable[] statmount = new Runnable[paths.size()];
    Runnable[] probe = new Runnable[paths.size()];
    Runnable[] scan = new Runnable[paths.size()];
    for (int i = 0; i < paths.size(); i++) {
      String p = paths.get(i);
      statmount[i] = () -> quiet.statMount(p);
      probe[i] =
          () -> {
            try {
              MountProbe.at(quietKernel, p).orElseThrow().line();
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          };
      scan[i] =
          () -> {
            try {
              MountTable.readSelf().at(p).orElseThrow().line();
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          };
    }
    // Warm up (JIT), then the median of 5 rounds.
    nanosPerCall(1, 20_000, statmount);
    nanosPerCall(1, 20_000, probe);
    nanosPerCall(1, 200, scan);
    return new Figures(
        MountTable.readSelf().entries().size(),
        Files.readAllBytes(MountTable.SELF).length,
        nanosPerCall(5, 20_000, statmount),
        nanosPerCall(5, 20_000, probe),
        nanosPerCall(5, 200, scan));
  }

  @Test
  void oneMountsLineByStatmountAgainstAMountinfoScanWithAThousandAutofsMounts() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      Syscalls quiet = box.kernel.unlogged();
      Kernel quietKernel =
          new Kernel() {
            @Override
            public <R> R run(KernelCall<R> call) {
              return call.invoke(quiet);
            }
          };
      Figures before = measure(quiet, quietKernel, List.of(box.dir.toString()));

      PipeEnds pipe = box.pipe();
      int pgrp = quiet.getpgrp();
      String data = "fd=" + pipe.writeFd() + ",pgrp=" + pgrp + ",minproto=5,maxproto=5,indirect";
      List<String> paths = new ArrayList<>();
      try {
        for (int i = 0; i < MOUNTS; i++) {
          String path = box.dir + "/a" + i;
          quiet.mkdir(path, 0755);
          quiet.mount("auto.m" + i, path, "autofs", 0, data);
          paths.add(path);
        }
        box.close(pipe.writeFd());
        for (String path : paths) { // park each: this JVM is the owner, stat sends nothing
          long devid = quiet.stat(path).dev();
          int ioctlFd = quiet.openMount(path, devid);
          quiet.catatonic(ioctlFd);
          quiet.closeMount(ioctlFd);
        }
        box.close(pipe.readFd());
        String sample = paths.get(MOUNTS / 2);
        MountInfo viaStatmount = MountProbe.at(quietKernel, sample).orElseThrow();
        assertEquals(MountTable.readSelf().at(sample).orElseThrow(), viaStatmount);
        assertTrue(viaStatmount.autofsOptions().orElseThrow().catatonic());

        Figures after = measure(quiet, quietKernel, paths);

        String report = "before: " + before.describe() + "\nafter:  " + after.describe();
        System.out.println(report);
        log.info("\n{}", report);
        assertTrue(after.mounts() >= MOUNTS);
      } finally {
        for (int i = paths.size() - 1; i >= 0; i--) {
          try {
            quiet.umount2(paths.get(i), 0);
          } catch (KernelException e) {
            log.warn("{}", e.getMessage());
          }
        }
      }
    }
  }
}
