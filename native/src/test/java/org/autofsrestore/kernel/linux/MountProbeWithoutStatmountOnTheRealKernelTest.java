package org.autofsrestore.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.autofsrestore.kernel.AutofsIoctl.Catatonic;
import org.autofsrestore.kernel.AutofsIoctl.CloseMount;
import org.autofsrestore.kernel.AutofsIoctl.OpenMount;
import org.autofsrestore.kernel.AutofsIoctl.SetTimeout;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.MountQuery.StatMount;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountProbe;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link MountProbe} on a kernel without statmount(2) (Linux before 6.8: Debian 12's 6.1, RHEL 9's
 * 5.14): StatMount is refused with ENOSYS and a sentence that says so, and MountProbe gives, from
 * /proc/self/mountinfo, the same answers it gives through statmount on newer kernels. Runs only on
 * such a kernel (tag no-statmount: the 6.1 VM); {@link StatMountOnTheRealKernelTest} covers the
 * kernels that have it.
 */
@Tag("kernel")
@Tag("no-statmount")
@Timeout(60)
class MountProbeWithoutStatmountOnTheRealKernelTest {

  @Test
  void statmountIsRefusedWithEnosysAndASentenceNamingTheMissingCall() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      StatMount call = new StatMount(box.dir.toString());

      KernelException e = assertThrows(KernelException.class, () -> box.kernel.run(call));

      assertEquals(Errno.ENOSYS, e.errno());
      assertTrue(e.getMessage().contains("this kernel has no statmount(2)"), e.getMessage());
    }
  }

  @Test
  void aTmpfsMountAPlainDirectoryAndAMissingPathReadAsMountinfoHasThem() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      String sandbox = box.dir.toString();
      String plain = box.mkdir("plain");

      assertEquals(Optional.of(box.mountinfo(sandbox)), MountProbe.at(box.kernel, sandbox));
      assertEquals(Optional.empty(), MountProbe.at(box.kernel, plain), "not a mount point");
      assertEquals(Optional.empty(), MountProbe.at(box.kernel, sandbox + "/missing"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"indirect", "direct", "offset"})
  void anAutofsMountLiveThenParkedReadsAsItsMountinfoLine(String mode) throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("fallback-" + mode, mode);

      MountInfo before = MountProbe.at(box.kernel, live.path()).orElseThrow();
      assertEquals(box.mountinfo(live.path()), before);
      AutofsOptions o = before.autofsOptions().orElseThrow();
      assertEquals(mode, o.mode());
      assertEquals(false, o.catatonic());

      int ioctlFd = box.kernel.run(new OpenMount(live.path(), live.devid()));
      box.kernel.run(new SetTimeout(ioctlFd, 300));
      box.kernel.run(new Catatonic(ioctlFd));
      box.kernel.run(new CloseMount(ioctlFd));

      MountInfo after = MountProbe.at(box.kernel, live.path()).orElseThrow();
      assertEquals(box.mountinfo(live.path()), after);
      AutofsOptions p = after.autofsOptions().orElseThrow();
      assertTrue(p.catatonic());
      assertEquals(300, p.timeout());
      assertEquals(before.mountId(), after.mountId(), "the same mount");
    }
  }
}
