package org.autofsrestore.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.util.concurrent.TimeUnit;
import org.autofsrestore.kernel.AutofsIoctl.Catatonic;
import org.autofsrestore.kernel.AutofsIoctl.OpenMount;
import org.autofsrestore.kernel.AutofsIoctl.SetPipeFd;
import org.autofsrestore.kernel.AutofsIoctl.SetTimeout;
import org.autofsrestore.kernel.AutofsPacket;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.MountpointInfo;
import org.autofsrestore.kernel.PathCall.Mkdir;
import org.autofsrestore.kernel.PathCall.Stat;
import org.autofsrestore.kernel.PipeEnds;
import org.autofsrestore.kernel.PosixCall.GetPgrp;
import org.autofsrestore.kernel.PosixCall.Mount;
import org.autofsrestore.kernel.PosixCall.Poll;
import org.autofsrestore.kernel.PosixCall.ReadPacket;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every /dev/autofs command and AUTOFS_IOC_* ioctl of the bindings, including those the {@link
 * org.autofsrestore.kernel.KernelCall} contract does not expose, on the real kernel.
 */
@Tag("kernel")
@Timeout(60)
class AutofsIoctlBindingsOnTheRealKernelTest {

  private static Errno errno(LastErrorException e) {
    return Errno.forNumber(e.getErrorCode()).orElseThrow();
  }

  @Test
  void theDevTimeoutCommandAlsoCarriesEightBytesBothWays() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("dt", "indirect");
      int ioctlFd = box.track(box.kernel.run(new OpenMount(live.path(), live.devid())));
      DevIoctl dev = box.kernel.devIoctl();

      assertEquals(0, dev.timeout(ioctlFd, 300));
      assertEquals(300, dev.timeout(ioctlFd, 4294967301L));
      assertEquals(4294967301L, box.mountinfo(live.path()).autofsOptions().orElseThrow().timeout());
      assertEquals(4294967301L, dev.timeout(ioctlFd, 0));
      box.kernel.run(new Catatonic(ioctlFd));
    }
  }

  @Test
  void aFourByteTimeoutArgumentHasTheKernelReadTheNextFourBytesToo() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("four", "indirect");
      int ioctlFd = box.track(box.kernel.run(new OpenMount(live.path(), live.devid())));
      Memory arg = new Memory(8);
      arg.setInt(0, 300); // what an `int timeout = 300` argument holds
      arg.setInt(4, 1); // whatever the caller's memory holds next

      LibC.ioctl(ioctlFd, AutofsAbi.AUTOFS_IOC_SETTIMEOUT, arg);

      assertEquals(
          (1L << 32) + 300,
          box.mountinfo(live.path()).autofsOptions().orElseThrow().timeout(),
          "the kernel took 8 bytes: 300 in the low word, the neighbour's 1 in the high word");
      box.kernel.run(new Catatonic(ioctlFd));
    }
  }

  @Test
  void devProtocolVersionsMatchTheIoctlsOnTheMount() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("pv", "indirect");
      int ioctlFd = box.track(box.kernel.run(new OpenMount(live.path(), live.devid())));
      DevIoctl dev = box.kernel.devIoctl();

      assertEquals(RootIoctl.protover(ioctlFd), dev.protover(ioctlFd));
      assertEquals(RootIoctl.protosubver(ioctlFd), dev.protosubver(ioctlFd));
      assertEquals(new org.autofsrestore.kernel.DevIoctlVersion(1, 1), dev.version());
      dev.catatonic(ioctlFd);
      assertTrue(box.mountinfo(live.path()).autofsOptions().orElseThrow().catatonic());
    }
  }

  @Test
  void askumountSaysBusyOnlyWithAMountBelow() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("au", "indirect");
      int ioctlFd = box.track(box.kernel.run(new OpenMount(live.path(), live.devid())));
      DevIoctl dev = box.kernel.devIoctl();
      assertTrue(dev.askumount(ioctlFd));
      assertTrue(RootIoctl.askumount(ioctlFd));

      String key = live.path() + "/key";
      box.kernel.run(new Mkdir(key, 0755));
      box.kernel.run(new Mount("inner", key, "tmpfs", 0, null));

      assertFalse(dev.askumount(ioctlFd));
      assertFalse(RootIoctl.askumount(ioctlFd));
      MountpointInfo viaFd = dev.ismountpoint(ioctlFd, live.path(), AutofsAbi.AUTOFS_TYPE_ANY);
      assertTrue(viaFd.mountpoint(), "with an ioctl fd: the mount has a submount");
      assertEquals(live.devid(), viaFd.devid());
      MountpointInfo indirect = dev.ismountpoint(-1, live.path(), AutofsAbi.AUTOFS_TYPE_INDIRECT);
      assertTrue(indirect.isAutofs());
      LastErrorException direct =
          assertThrows(
              LastErrorException.class,
              () -> dev.ismountpoint(-1, live.path(), AutofsAbi.AUTOFS_TYPE_DIRECT));
      assertEquals(Errno.ENOENT, errno(direct));
      box.kernel.run(new Catatonic(ioctlFd));
    }
  }

  @Test
  void expireWithNothingToExpireIsEagainAndRequesterReadsTheRoot() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("ex", "indirect");
      int ioctlFd = box.track(box.kernel.run(new OpenMount(live.path(), live.devid())));
      DevIoctl dev = box.kernel.devIoctl();

      LastErrorException viaDev =
          assertThrows(
              LastErrorException.class, () -> dev.expire(ioctlFd, AutofsAbi.AUTOFS_EXP_NORMAL));
      assertEquals(Errno.EAGAIN, errno(viaDev));
      LastErrorException viaRoot =
          assertThrows(
              LastErrorException.class,
              () -> RootIoctl.expireMulti(ioctlFd, AutofsAbi.AUTOFS_EXP_NORMAL));
      assertEquals(Errno.EAGAIN, errno(viaRoot));
      assertArrayEquals(new long[] {0, 0}, dev.requester(ioctlFd, live.path()));
      box.kernel.run(new Catatonic(ioctlFd));
    }
  }

  @Test
  void theFailIoctlOnTheMountAnswersEnoentAndReadyLetsTheLookupOn() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("rf", "indirect");
      int ioctlFd = box.track(box.kernel.run(new OpenMount(live.path(), live.devid())));
      try {
        Process failed = box.start("setsid", "stat", live.path() + "/nokey");
        assertTrue(box.kernel.run(new Poll(live.readFd(), 10_000)));
        AutofsPacket p = box.kernel.run(new ReadPacket(live.readFd())).orElseThrow();
        RootIoctl.fail(ioctlFd, p.token());
        KernelSandbox.Finished f = KernelSandbox.await(failed, 10);
        assertEquals(1, f.exit());
        assertTrue(f.stderr().contains("No such file or directory"), f.stderr());

        Process ok = box.start("setsid", "stat", "-c", "%F", live.path() + "/yes");
        assertTrue(box.kernel.run(new Poll(live.readFd(), 10_000)));
        AutofsPacket q = box.kernel.run(new ReadPacket(live.readFd())).orElseThrow();
        box.kernel.run(new Mkdir(live.path() + "/yes", 0755));
        RootIoctl.ready(ioctlFd, q.token());
        KernelSandbox.Finished r = KernelSandbox.await(ok, 10);
        assertEquals(0, r.exit(), r.stderr());
      } finally {
        box.kernel.run(new Catatonic(ioctlFd));
      }
    }
  }

  /**
   * A mount owned by another process group: the /dev/autofs commands on its ioctl fd are EACCES for
   * us (except CATATONIC), while AUTOFS_IOC_SETTIMEOUT and AUTOFS_IOC_CATATONIC only need
   * CAP_SYS_ADMIN; SETPIPEFD on the parked mount makes our process group the owner.
   */
  @Test
  void aNonOwnerMayParkAndSetTheTimeoutButNeedsCatatonicForDevCommands() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      Process owner = box.start("setsid", "sleep", "60");
      try {
        long ownerPgrp = owner.pid(); // setsid made it a group leader
        waitUntilGroupLeader(owner);
        String path = box.mkdir("foreign");
        PipeEnds pipe = box.pipe();
        box.kernel.run(
            new Mount(
                "foreign",
                path,
                "autofs",
                0,
                "fd=" + pipe.writeFd() + ",pgrp=" + ownerPgrp + ",minproto=5,maxproto=5,indirect"));
        long devid = box.kernel.run(new Stat(path)).dev();
        int ioctlFd = box.track(box.kernel.run(new OpenMount(path, devid)));
        DevIoctl dev = box.kernel.devIoctl();
        assertEquals(ownerPgrp, box.mountinfo(path).autofsOptions().orElseThrow().pgrp());

        org.autofsrestore.kernel.KernelException notOwner =
            assertThrows(
                org.autofsrestore.kernel.KernelException.class,
                () -> box.kernel.run(new SetPipeFd(ioctlFd, pipe.writeFd())));
        assertEquals(Errno.EACCES, notOwner.errno(), "not EBUSY: the owner check comes first");
        LastErrorException devTimeout =
            assertThrows(LastErrorException.class, () -> dev.timeout(ioctlFd, 60));
        assertEquals(Errno.EACCES, errno(devTimeout));
        assertEquals(0L, box.kernel.run(new SetTimeout(ioctlFd, 60)));

        box.kernel.run(new Catatonic(ioctlFd));
        assertEquals(60L, dev.timeout(ioctlFd, 60), "catatonic: dev commands allowed again");

        box.kernel.run(new SetPipeFd(ioctlFd, pipe.writeFd()));
        AutofsOptions o = box.mountinfo(path).autofsOptions().orElseThrow();
        assertEquals((long) box.kernel.run(new GetPgrp()), o.pgrp(), "the caller's group owns it");
        assertEquals(pipe.writeFd(), o.fd());
        box.kernel.run(new Catatonic(ioctlFd));
      } finally {
        owner.destroyForcibly();
        owner.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static void waitUntilGroupLeader(Process p) throws Exception {
    org.autofsrestore.kernel.probe.ProcFs proc = org.autofsrestore.kernel.probe.ProcFs.system();
    for (int i = 0; i < 500; i++) {
      if (proc.processGroup(p.pid()).orElse(-1) == p.pid()) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("pid " + p.pid() + " did not become a process group leader");
  }
}
