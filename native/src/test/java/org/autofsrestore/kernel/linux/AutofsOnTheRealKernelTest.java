package org.autofsrestore.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.autofsrestore.kernel.AutofsIoctl.Catatonic;
import org.autofsrestore.kernel.AutofsIoctl.CloseMount;
import org.autofsrestore.kernel.AutofsIoctl.Fail;
import org.autofsrestore.kernel.AutofsIoctl.IsMountpoint;
import org.autofsrestore.kernel.AutofsIoctl.OpenMount;
import org.autofsrestore.kernel.AutofsIoctl.ProtoSubversion;
import org.autofsrestore.kernel.AutofsIoctl.ProtoVersion;
import org.autofsrestore.kernel.AutofsIoctl.Ready;
import org.autofsrestore.kernel.AutofsIoctl.SetPipeFd;
import org.autofsrestore.kernel.AutofsIoctl.SetTimeout;
import org.autofsrestore.kernel.AutofsIoctl.Version;
import org.autofsrestore.kernel.AutofsPacket;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.FileStat;
import org.autofsrestore.kernel.KernelCall;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.MountpointInfo;
import org.autofsrestore.kernel.PathCall;
import org.autofsrestore.kernel.PathCall.Mkdir;
import org.autofsrestore.kernel.PathCall.Stat;
import org.autofsrestore.kernel.PipeEnds;
import org.autofsrestore.kernel.PosixCall.Fstat;
import org.autofsrestore.kernel.PosixCall.GetPgrp;
import org.autofsrestore.kernel.PosixCall.Mount;
import org.autofsrestore.kernel.PosixCall.Poll;
import org.autofsrestore.kernel.PosixCall.ReadPacket;
import org.autofsrestore.kernel.PosixCall.Umount;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.PipeEndHolder;
import org.autofsrestore.kernel.probe.ProcFs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The autofs rules of docs/DESIGN.md sections 4-5, measured through {@link LinuxKernel} in this
 * test JVM's private mount namespace. Skipped, with the reason, without root, /dev/autofs or a
 * private mount namespace.
 */
@Tag("kernel")
@Timeout(60)
class AutofsOnTheRealKernelTest {
  /** Upper bound for every wait on the kernel or a child. */
  private static final int WAIT_MS = 10_000;

  @ParameterizedTest
  @ValueSource(strings = {"indirect", "direct", "offset"})
  void anAutofsMountReadsBackFromMountinfoWithEveryOption(String mode) throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      String path = box.mkdir("m");
      PipeEnds pipe = box.pipe();
      int pgrp = box.kernel.run(new GetPgrp());
      long pipeIno = box.kernel.run(new Fstat(pipe.readFd())).ino();
      String data =
          "fd="
              + pipe.writeFd()
              + ",pgrp="
              + pgrp
              + ",minproto=5,maxproto=5,"
              + mode
              + ",uid=1234,gid=5678,strictexpire";

      box.kernel.run(new Mount("/etc/auto.test", path, "autofs", 0, data));

      MountInfo m = box.mountinfo(path);
      assertEquals("autofs", m.fsType());
      assertEquals("/etc/auto.test", m.source());
      assertEquals(
          "rw,fd="
              + pipe.writeFd()
              + ",uid=1234,gid=5678,pgrp="
              + pgrp
              + ",timeout=0,minproto=5,maxproto=5,"
              + mode
              + ",strictexpire,pipe_ino="
              + pipeIno,
          m.superOptions());
      AutofsOptions o = m.autofsOptions().orElseThrow();
      assertEquals(pipe.writeFd(), o.fd());
      assertEquals(pgrp, o.pgrp());
      assertEquals(0, o.timeout());
      assertEquals(5, o.minproto());
      assertEquals(5, o.maxproto());
      assertEquals(mode, o.mode());
      assertEquals(OptionalLong.of(1234), o.uid());
      assertEquals(OptionalLong.of(5678), o.gid());
      assertTrue(o.strictexpire());
      assertEquals(OptionalLong.of(pipeIno), o.pipeIno());
      assertFalse(o.catatonic());
      FileStat st = box.kernel.run(new Stat(path));
      assertEquals(m.dev(), st.dev(), "mountinfo major:minor is stat's st_dev");
      assertTrue(st.isDirectory());
    }
  }

  @Test
  void uidAndGidZeroAreNotPrintedInMountinfo() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("u", "indirect,uid=0,gid=0");
      AutofsOptions o = box.mountinfo(live.path()).autofsOptions().orElseThrow();
      assertEquals(OptionalLong.empty(), o.uid());
      assertEquals(OptionalLong.empty(), o.gid());
      assertFalse(box.mountinfo(live.path()).superOptions().contains("uid="));
    }
  }

  @Test
  void settimeoutReturnsTheOldValueWithAllEightBytes() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("t", "indirect");
      int ioctlFd = box.track(box.kernel.run(new OpenMount(live.path(), live.devid())));

      assertEquals(0L, box.kernel.run(new SetTimeout(ioctlFd, 300)));
      assertEquals(300, box.mountinfo(live.path()).autofsOptions().orElseThrow().timeout());

      long beyond32Bits = 4294967301L; // 2^32 + 5: a 4-byte argument would lose the high word
      assertEquals(300L, box.kernel.run(new SetTimeout(ioctlFd, beyond32Bits)));
      assertEquals(
          beyond32Bits, box.mountinfo(live.path()).autofsOptions().orElseThrow().timeout());
      assertTrue(box.mountinfo(live.path()).superOptions().contains(",timeout=4294967301,"));

      assertEquals(beyond32Bits, box.kernel.run(new SetTimeout(ioctlFd, 300)));
      box.kernel.run(new Catatonic(ioctlFd));
      box.close(ioctlFd);
    }
  }

  @Test
  void catatonicTurnsFdAndPipeInoToMinusOneAndKeepsThePgrp() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("c", "indirect");
      AutofsOptions before = box.mountinfo(live.path()).autofsOptions().orElseThrow();
      assertEquals(OptionalLong.of(live.pipeIno()), before.pipeIno());

      int ioctlFd = box.kernel.run(new OpenMount(live.path(), live.devid()));
      box.kernel.run(new Catatonic(ioctlFd));
      box.kernel.run(new Catatonic(ioctlFd)); // idempotent
      box.kernel.run(new CloseMount(ioctlFd));

      AutofsOptions after = box.mountinfo(live.path()).autofsOptions().orElseThrow();
      assertEquals(-1, after.fd());
      assertEquals(OptionalLong.of(-1), after.pipeIno());
      assertEquals(before.pgrp(), after.pgrp());
      assertTrue(after.catatonic());
      assertTrue(box.mountinfo(live.path()).superOptions().contains("fd=-1,"));
      // The kernel dropped its write end and ours is closed: the read end is at end of file.
      assertTrue(box.kernel.run(new Poll(live.readFd(), WAIT_MS)));
      assertEquals(Optional.empty(), box.kernel.run(new ReadPacket(live.readFd())));
      // A lookup fails at once with ENOENT and sends nothing.
      Process child = box.start("setsid", "stat", live.path() + "/anykey");
      KernelSandbox.Finished done = KernelSandbox.await(child, 10);
      assertEquals(1, done.exit(), done.stderr());
      assertTrue(done.stderr().contains("No such file or directory"), done.stderr());
    }
  }

  @Test
  void setpipefdReconnectsACatatonicMountAndRefusesLiveMountsAndReadEnds() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("p", "indirect");
      int ioctlFd = box.track(box.kernel.run(new OpenMount(live.path(), live.devid())));
      PipeEnds fresh = box.pipe();
      long freshIno = box.kernel.run(new Fstat(fresh.writeFd())).ino();

      KernelException busy =
          assertThrows(
              KernelException.class, () -> box.kernel.run(new SetPipeFd(ioctlFd, fresh.writeFd())));
      assertEquals(Errno.EBUSY, busy.errno());
      assertEquals(Optional.of("the mount is not catatonic"), busy.meaning());
      assertEquals(new SetPipeFd(ioctlFd, fresh.writeFd()), busy.call());

      box.kernel.run(new Catatonic(ioctlFd));

      KernelException readEnd =
          assertThrows(
              KernelException.class, () -> box.kernel.run(new SetPipeFd(ioctlFd, fresh.readFd())));
      assertEquals("EPIPE", readEnd.errnoName());
      assertTrue(readEnd.getMessage().contains("pipe read end"), readEnd.getMessage());

      KernelException notOpen =
          assertThrows(
              KernelException.class, () -> box.kernel.run(new SetPipeFd(ioctlFd, 1_000_000)));
      assertEquals(Errno.EBADF, notOpen.errno());
      assertTrue(box.mountinfo(live.path()).autofsOptions().orElseThrow().catatonic());

      box.kernel.run(new SetPipeFd(ioctlFd, fresh.writeFd()));

      AutofsOptions now = box.mountinfo(live.path()).autofsOptions().orElseThrow();
      assertEquals(fresh.writeFd(), now.fd());
      assertEquals(OptionalLong.of(freshIno), now.pipeIno());
      assertEquals((long) box.kernel.run(new GetPgrp()), now.pgrp());
      // /proc shows this JVM holding both ends of the new pipe.
      long self = ProcessHandle.current().pid();
      List<PipeEndHolder> holders = ProcFs.system().pipeHolders(freshIno);
      assertEquals(
          List.of(
              new PipeEndHolder(
                  self, fresh.readFd(), PipeEndHolder.End.READ, holders.get(0).comm(), now.pgrp()),
              new PipeEndHolder(
                  self,
                  fresh.writeFd(),
                  PipeEndHolder.End.WRITE,
                  holders.get(0).comm(),
                  now.pgrp())),
          holders);

      // Requests now arrive on the new pipe.
      Process child = box.start("setsid", "stat", live.path() + "/viafresh");
      assertTrue(box.kernel.run(new Poll(fresh.readFd(), WAIT_MS)), "no request on the new pipe");
      AutofsPacket packet = box.kernel.run(new ReadPacket(fresh.readFd())).orElseThrow();
      assertEquals("viafresh", packet.name());
      box.kernel.run(new Fail(ioctlFd, packet.token(), Errno.ENOENT));
      assertEquals(1, KernelSandbox.await(child, 10).exit());

      box.kernel.run(new Catatonic(ioctlFd));
    }
  }

  @Test
  void openmountWithAWrongDevidIsEnoentWithItsMeaning() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("o", "indirect");
      OpenMount wrong = new OpenMount(live.path(), live.devid() + 1);

      KernelException e = assertThrows(KernelException.class, () -> box.kernel.run(wrong));

      assertEquals(Errno.ENOENT, e.errno());
      assertEquals("ENOENT", e.errnoName());
      assertEquals("No such file or directory", e.strerror());
      assertEquals(wrong, e.call());
      assertEquals(
          Optional.of("no autofs mount with that device number at that path"), e.meaning());
      assertTrue(e.getMessage().startsWith(wrong.text() + " failed: ENOENT"), e.getMessage());

      KernelException zero =
          assertThrows(KernelException.class, () -> box.kernel.run(new OpenMount(live.path(), 0)));
      assertEquals(Errno.EINVAL, zero.errno());
      KernelException notAutofs =
          assertThrows(
              KernelException.class,
              () -> box.kernel.run(new OpenMount(box.dir.toString(), live.devid())));
      assertEquals(Errno.ENOENT, notAutofs.errno());
    }
  }

  @Test
  void aLookupFromAnotherProcessGroupArrivesAsAPacketAndFailEnoentFailsItAtOnce() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("l", "indirect");
      int ioctlFd = box.track(box.kernel.run(new OpenMount(live.path(), live.devid())));
      FileStat root = box.kernel.run(new Stat(live.path()));

      Process child = box.start("setsid", "stat", live.path() + "/somekey");
      try {
        assertTrue(box.kernel.run(new Poll(live.readFd(), WAIT_MS)), "no request within 10 s");
        AutofsPacket p = box.kernel.run(new ReadPacket(live.readFd())).orElseThrow();

        assertEquals(5, p.protoVersion());
        assertEquals(AutofsPacket.Type.MISSING_INDIRECT, p.type());
        assertEquals("somekey", p.name());
        assertEquals(child.pid(), p.pid());
        assertEquals(child.pid(), p.tgid());
        assertEquals(0, p.uid());
        assertEquals(0, p.gid());
        assertEquals(live.devid(), p.dev());
        assertEquals(root.ino(), p.ino());
        assertTrue(child.isAlive(), "the requester waits for the answer");

        long t0 = System.nanoTime();
        box.kernel.run(new Fail(ioctlFd, p.token(), Errno.ENOENT));
        KernelSandbox.Finished done = KernelSandbox.await(child, 10);
        long sinceFail = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(1, done.exit(), done.stderr());
        assertTrue(
            done.stderr().contains("somekey")
                && done.stderr().contains("No such file or directory"),
            done.stderr());
        assertTrue(sinceFail < 2_000, "the lookup took " + sinceFail + " ms after FAIL");
        KernelException again =
            assertThrows(
                KernelException.class,
                () -> box.kernel.run(new Fail(ioctlFd, p.token(), Errno.ENOENT)));
        assertEquals(Errno.EINVAL, again.errno(), "a token can be answered once");
      } finally {
        box.kernel.run(new Catatonic(ioctlFd)); // parks: a waiting child gets ENOENT
      }
    }
  }

  @Test
  void readyAfterCreatingTheKeyDirectoryLetsTheLookupSucceed() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("r", "indirect");
      int ioctlFd = box.track(box.kernel.run(new OpenMount(live.path(), live.devid())));
      Process child = box.start("setsid", "stat", "-c", "%F", live.path() + "/made");
      try {
        assertTrue(box.kernel.run(new Poll(live.readFd(), WAIT_MS)), "no request within 10 s");
        AutofsPacket p = box.kernel.run(new ReadPacket(live.readFd())).orElseThrow();
        assertEquals("made", p.name());
        // This JVM is in the mount's process group: it sees the mount as its owner does.
        box.kernel.run(new Mkdir(live.path() + "/made", 0755));
        box.kernel.run(new Ready(ioctlFd, p.token()));

        KernelSandbox.Finished done = KernelSandbox.await(child, 10);
        assertEquals(0, done.exit(), done.stderr());
        assertEquals("directory\n", done.stdout());
      } finally {
        box.kernel.run(new Catatonic(ioctlFd));
      }
    }
  }

  @Test
  void aLookupFromTheOwnersProcessGroupSendsNoRequest() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("g", "indirect");
      Process child = box.start("stat", live.path() + "/ownkey"); // same process group as us
      KernelSandbox.Finished done = KernelSandbox.await(child, 10);
      assertEquals(1, done.exit());
      assertFalse(box.kernel.run(new Poll(live.readFd(), 200)), "a request was sent");
    }
  }

  /**
   * Which errno a pipe read end (or a closed fd) as {@code fd=} gets depends on the kernel: 6.12
   * and later (autofs on the new mount API) say EBADF; 6.1 passes on its pipe check's EINVAL, and
   * EINVAL, for a closed fd too. Both are measured (6.1.0 and 6.12 in the VM, 6.18 on the host).
   */
  static Errno errnoForAFdThatIsNoPipeWriteEnd() {
    return KernelSandbox.kernelAtLeast(6, 12) ? Errno.EBADF : Errno.EINVAL;
  }

  @Test
  void mountWithAPipeReadEndOrAClosedFdAsFdIsRefusedWithTheErrnoOfThisKernel() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      String path = box.mkdir("bad");
      PipeEnds pipe = box.pipe();
      int pgrp = box.kernel.run(new GetPgrp());
      Mount mount =
          new Mount("x", path, "autofs", 0, "fd=" + pipe.readFd() + ",pgrp=" + pgrp + ",indirect");
      Errno expected = errnoForAFdThatIsNoPipeWriteEnd();

      KernelException e = assertThrows(KernelException.class, () -> box.kernel.run(mount));

      assertEquals(expected, e.errno());
      assertEquals(mount, e.call());
      assertEquals(mount.meaning(expected), e.meaning());
      assertTrue(
          e.meaning().orElseThrow().contains("fd= is not a pipe write end"), e.meaning()::get);
      assertEquals(
          "mount(\"x\", \""
              + path
              + "\", \"autofs\", 0, \"fd="
              + pipe.readFd()
              + ",pgrp="
              + pgrp
              + ",indirect\") failed: "
              + expected.name()
              + " ("
              + expected.strerror()
              + "): "
              + mount.meaning(expected).orElseThrow(),
          e.getMessage());
      Mount closedFd = new Mount("x", path, "autofs", 0, "fd=1000000,pgrp=" + pgrp + ",indirect");
      assertEquals(
          expected, assertThrows(KernelException.class, () -> box.kernel.run(closedFd)).errno());
      assertTrue(box.mountinfo(box.dir.toString()).fsType().equals("tmpfs"), "nothing mounted");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"timeout=300", "pipe_ino=12345", "bogus", "pgrp=2147483646"})
  void mountWithAnOptionTheKernelRefusesIsEinval(String option) throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      String path = box.mkdir("inval");
      PipeEnds pipe = box.pipe();
      int pgrp = box.kernel.run(new GetPgrp());
      String data =
          option.startsWith("pgrp=")
              ? "fd=" + pipe.writeFd() + "," + option + ",indirect"
              : "fd=" + pipe.writeFd() + ",pgrp=" + pgrp + ",indirect," + option;

      KernelException e =
          assertThrows(
              KernelException.class, () -> box.kernel.run(new Mount("x", path, "autofs", 0, data)));

      assertEquals(Errno.EINVAL, e.errno());
      assertTrue(e.meaning().orElseThrow().startsWith("unknown option or pgrp= names no"));
      assertTrue(MountTableHelper.noMountAt(path));
    }
  }

  @Test
  void ioctlsOnTheMountAnswerProtocolAndVersion() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("v", "indirect");
      int ioctlFd = box.track(box.kernel.run(new OpenMount(live.path(), live.devid())));

      assertEquals(5, box.kernel.run(new ProtoVersion(ioctlFd)));
      assertEquals(AutofsAbi.AUTOFS_MAX_PROTO_VERSION, box.kernel.run(new ProtoVersion(ioctlFd)));
      int sub = box.kernel.run(new ProtoSubversion(ioctlFd));
      assertTrue(sub >= 2, "protocol sub version " + sub);
      assertEquals(1, box.kernel.run(new Version()).major());

      MountpointInfo mp = box.kernel.run(new IsMountpoint(live.path()));
      assertTrue(mp.mountpoint());
      assertTrue(mp.isAutofs());
      assertEquals(live.devid(), mp.devid());
      MountpointInfo below = box.kernel.run(new IsMountpoint(box.dir.toString()));
      assertTrue(below.mountpoint());
      assertFalse(below.isAutofs());

      box.kernel.run(new Catatonic(ioctlFd));
      KernelException notAutofs =
          assertThrows(
              KernelException.class,
              () -> box.kernel.run(new ProtoVersion(box.track(openDir(box, box.dir.toString())))));
      assertEquals(Errno.ENOTTY, notAutofs.errno());
    }
  }

  @Test
  void insideACatatonicMountEvenTheOwnerCannotCreateDirectories() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("k", "indirect");
      box.kernel.run(new Mkdir(live.path() + "/before", 0755));
      org.autofsrestore.kernel.KernelOps.park(box.kernel, live.path(), live.devid());

      KernelException e =
          assertThrows(
              KernelException.class, () -> box.kernel.run(new Mkdir(live.path() + "/after", 0755)));

      assertEquals(Errno.EACCES, e.errno());
      assertTrue(e.meaning().orElseThrow().contains("catatonic"));
      KernelException busy =
          assertThrows(
              KernelException.class, () -> box.kernel.run(new Umount(box.dir.toString(), 0)));
      assertEquals(Errno.EBUSY, busy.errno());
    }
  }

  @Test
  void answeringATokenNobodyWaitsForIsEinval() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("n", "indirect");
      int ioctlFd = box.track(box.kernel.run(new OpenMount(live.path(), live.devid())));
      try {
        KernelCall<Void> ready = new Ready(ioctlFd, 4_000_000_000L);
        KernelException e = assertThrows(KernelException.class, () -> box.kernel.run(ready));
        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.meaning().orElseThrow().startsWith("no pending request with that token"));
      } finally {
        box.kernel.run(new Catatonic(ioctlFd));
      }
    }
  }

  private static int openDir(KernelSandbox box, String path) {
    return box.kernel.run(
        new PathCall.Open(
            path, PathCall.Open.O_RDONLY | PathCall.Open.O_DIRECTORY | PathCall.Open.O_CLOEXEC));
  }

  /** mountinfo look-ups. */
  static final class MountTableHelper {
    private MountTableHelper() {}

    static boolean noMountAt(String path) throws java.io.IOException {
      return org.autofsrestore.kernel.probe.MountTable.readSelf().at(path).isEmpty();
    }
  }
}
