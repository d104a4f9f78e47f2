package org.autofsrestore.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.autofsrestore.kernel.AutofsIoctl.Catatonic;
import org.autofsrestore.kernel.AutofsIoctl.CloseMount;
import org.autofsrestore.kernel.AutofsIoctl.IsMountpoint;
import org.autofsrestore.kernel.AutofsIoctl.OpenMount;
import org.autofsrestore.kernel.AutofsIoctl.SetTimeout;
import org.autofsrestore.kernel.AutofsPacket;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.FileStat;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.KernelOps;
import org.autofsrestore.kernel.MountQuery.StatMount;
import org.autofsrestore.kernel.MountState;
import org.autofsrestore.kernel.PathCall.Stat;
import org.autofsrestore.kernel.PipeEnds;
import org.autofsrestore.kernel.PosixCall.GetPgrp;
import org.autofsrestore.kernel.PosixCall.Mount;
import org.autofsrestore.kernel.PosixCall.Poll;
import org.autofsrestore.kernel.PosixCall.ReadPacket;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountProbe;
import org.autofsrestore.kernel.probe.MountTable;
import org.autofsrestore.kernel.probe.ProcFs;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link StatMount} against /proc/self/mountinfo on the real kernel, in this test JVM's private
 * mount namespace: field by field and as whole lines. Skipped, with the reason, without root,
 * /dev/autofs or a private mount namespace.
 */
@Tag("kernel")
@Tag("statmount") // Linux 6.8 and later; MountProbeWithoutStatmountOnTheRealKernelTest below that
@Timeout(60)
class StatMountOnTheRealKernelTest {
  /** Upper bound for every wait on the kernel or a child. */
  private static final int WAIT_MS = 10_000;

  static final long MS_RDONLY = 1;
  static final long MS_NOSUID = 2;
  static final long MS_NODEV = 4;
  static final long MS_NOEXEC = 8;
  static final long MS_SYNCHRONOUS = 16;
  static final long MS_DIRSYNC = 128;
  static final long MS_NOATIME = 1024;
  static final long MS_NODIRATIME = 2048;
  static final long MS_BIND = 4096;
  static final long MS_UNBINDABLE = 1 << 17;
  static final long MS_SLAVE = 1 << 19;
  static final long MS_SHARED = 1 << 20;
  static final long MS_STRICTATIME = 1 << 24;
  static final long MS_LAZYTIME = 1 << 25;

  /**
   * What this kernel's statmount(2) cannot answer of a mountinfo line: the superblock's source and
   * the filesystem subtype came after 6.12 (measured: 6.12 leaves both out, 6.18 answers both).
   */
  static final List<String> LACKING_HERE =
      KernelSandbox.kernelAtLeast(6, 13)
          ? List.of()
          : List.of("STATMOUNT_FS_SUBTYPE", "STATMOUNT_SB_SOURCE");

  /**
   * The line /proc/self/mountinfo shows for the mount with that (old) id, as the kernel wrote it.
   */
  static String rawLine(int mountId) throws IOException {
    String prefix = mountId + " ";
    for (String line : Files.readString(MountTable.SELF, StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError("no mountinfo line for mount " + mountId);
  }

  /**
   * StatMount at {@code path} and mountinfo agree on every field and on the whole line, and
   * MountProbe gives that same MountInfo.
   */
  static MountState assertAgreesWithMountinfo(KernelSandbox box, String path) throws IOException {
    MountState s = box.kernel.run(new StatMount(path));
    MountInfo table = box.mountinfo(path);

    assertEquals(path, s.path());
    assertTrue(s.atPath(), path + " is a mount point");
    assertEquals(
        LACKING_HERE, s.lacking(), "the mountinfo fields this kernel's statmount leaves out");
    assertEquals(table.mountId(), s.oldMountId());
    assertEquals(table.parentId(), s.oldParentId());
    assertEquals(table.major(), s.devMajor());
    assertEquals(table.minor(), s.devMinor());
    assertEquals(table.root(), s.root());
    assertEquals(table.mountPoint(), s.mountPoint());
    assertEquals(table.mountOptions(), s.mountOptions());
    assertEquals(table.optionalFields(), s.optionalFields());
    assertEquals(table.superOptions(), s.superOptions());
    if (LACKING_HERE.isEmpty()) {
      assertEquals(table.fsType(), s.fsTypeField());
      assertEquals(table.source(), s.source());
      assertEquals(table, MountInfo.from(s));
      assertEquals(rawLine(table.mountId()), MountInfo.from(s).line());
    }
    // Where statmount leaves a field out, MountProbe reads that mount's line from mountinfo.
    assertEquals(Optional.of(table), MountProbe.at(box.kernel, path));
    return s;
  }

  /** The mount as MountProbe gives it: from statmount alone where this kernel answers it all. */
  static MountInfo asMountinfo(KernelSandbox box, MountState s) throws IOException {
    return LACKING_HERE.isEmpty()
        ? MountInfo.from(s)
        : MountProbe.at(box.kernel, s.path()).orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"indirect", "direct", "offset"})
  void anAutofsMountLiveThenCatatonicReadsAsMountinfoShowsIt(String mode) throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      String path = box.mkdir("auto " + mode);
      PipeEnds pipe = box.pipe();
      int pgrp = box.kernel.run(new GetPgrp());
      long pipeIno =
          box.kernel.run(new org.autofsrestore.kernel.PosixCall.Fstat(pipe.readFd())).ino();
      String data =
          "fd="
              + pipe.writeFd()
              + ",pgrp="
              + pgrp
              + ",minproto=5,maxproto=5,"
              + mode
              + ",uid=1234,gid=5678,strictexpire";
      box.kernel.run(new Mount("/etc/auto map", path, "autofs", 0, data));

      MountState live = assertAgreesWithMountinfo(box, path);
      assertEquals("autofs", live.fsType());
      assertTrue(live.isAutofs());
      assertEquals(MountState.AUTOFS_SUPER_MAGIC, live.magic());
      assertEquals("/etc/auto map", asMountinfo(box, live).source());
      assertEquals(path, live.mountPoint());
      assertEquals("/", live.root());
      assertEquals(
          "fd="
              + pipe.writeFd()
              + ",uid=1234,gid=5678,pgrp="
              + pgrp
              + ",timeout=0,minproto=5,maxproto=5,"
              + mode
              + ",strictexpire,pipe_ino="
              + pipeIno,
          live.options());
      FileStat st = box.kernel.run(new Stat(path)); // this JVM owns the mount: no request
      assertEquals(st.dev(), live.dev(), "the superblock's device is stat's st_dev");
      AutofsOptions o = asMountinfo(box, live).autofsOptions().orElseThrow();
      assertEquals(box.mountinfo(path).autofsOptions().orElseThrow(), o);
      assertEquals(pipe.writeFd(), o.fd());
      assertEquals(OptionalLong.of(pipeIno), o.pipeIno());

      int ioctlFd = box.kernel.run(new OpenMount(path, live.dev()));
      box.kernel.run(new SetTimeout(ioctlFd, 300));
      box.kernel.run(new Catatonic(ioctlFd));
      box.kernel.run(new CloseMount(ioctlFd));

      MountState parked = assertAgreesWithMountinfo(box, path);
      AutofsOptions p = asMountinfo(box, parked).autofsOptions().orElseThrow();
      assertTrue(p.catatonic());
      assertEquals(-1, p.fd());
      assertEquals(OptionalLong.of(-1), p.pipeIno());
      assertEquals(pgrp, p.pgrp(), "the pgrp stays");
      assertEquals(300, p.timeout());
      assertEquals(5, p.minproto());
      assertEquals(5, p.maxproto());
      assertEquals(mode, p.mode());
      assertEquals(live.mountId(), parked.mountId(), "the same mount");
    }
  }

  @Test
  void tmpfsMountsWithEveryKindOfFlagPropagationAndEscapeReadAsMountinfoShowsThem()
      throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      String odd = box.mkdir("odd name\twith\\escapes");
      box.kernel.run(
          new Mount(
              "my src",
              odd,
              "tmpfs",
              MS_SYNCHRONOUS | MS_LAZYTIME | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_STRICTATIME,
              "size=1m,mode=700"));
      String ro = box.mkdir("ro");
      box.kernel.run(
          new Mount(
              "tmpfs", ro, "tmpfs", MS_RDONLY | MS_NOATIME | MS_NODIRATIME | MS_DIRSYNC, null));
      box.kernel.run(new Mount(null, ro, "", MS_SHARED, null));
      String slave = box.mkdir("slave");
      box.kernel.run(new Mount(ro, slave, "", MS_BIND, null));
      box.kernel.run(new Mount(null, slave, "", MS_SLAVE, null));
      String unbindable = box.mkdir("unbindable");
      box.kernel.run(new Mount(box.dir.toString(), unbindable, "", MS_BIND, null));
      box.kernel.run(new Mount(null, unbindable, "", MS_UNBINDABLE, null));

      MountState s = assertAgreesWithMountinfo(box, odd);
      assertEquals("tmpfs", s.fsType());
      assertEquals("my src", asMountinfo(box, s).source());
      assertEquals(odd, s.mountPoint(), "raw, where mountinfo escapes space, tab and backslash");
      assertEquals("rw,nosuid,nodev,noexec", s.mountOptions());
      // Debian's 6.12 (CONFIG_TMPFS_INODE64) adds ",inode64"; mountinfo's line is compared above.
      assertTrue(
          s.superOptions().startsWith("rw,sync,lazytime,size=1024k,mode=700"), s.superOptions());
      assertEquals("ro,noatime,nodiratime", assertAgreesWithMountinfo(box, ro).mountOptions());
      List<String> shared = assertAgreesWithMountinfo(box, ro).optionalFields();
      assertTrue(shared.size() == 1 && shared.get(0).startsWith("shared:"), shared.toString());
      MountState sl = assertAgreesWithMountinfo(box, slave);
      assertTrue(sl.optionalFields().get(0).startsWith("master:"), sl.optionalFields().toString());
      assertEquals(
          List.of("unbindable"), assertAgreesWithMountinfo(box, unbindable).optionalFields());
      assertAgreesWithMountinfo(box, box.dir.toString());
    }
  }

  @Test
  void aPathThatIsNotAMountPointAnswersForTheMountItLiesIn() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      String dir = box.mkdir("plain");
      Path file = Files.createFile(box.dir.resolve("file"));
      Path link = Files.createSymbolicLink(box.dir.resolve("link"), Path.of("/proc"));
      MountInfo sandbox = box.mountinfo(box.dir.toString());

      for (String path : List.of(dir, file.toString(), link.toString())) {
        MountState s = box.kernel.run(new StatMount(path));
        assertFalse(s.atPath(), path + " is not the root of a mount");
        assertEquals(path, s.path());
        assertEquals(box.dir.toString(), s.mountPoint(), "the mount it lies in");
        assertEquals(sandbox.mountId(), s.oldMountId());
        assertEquals(Optional.empty(), MountProbe.at(box.kernel, path));
        assertEquals(Optional.empty(), MountTable.readSelf().at(path));
      }
      // Intermediate components are resolved by the kernel, not compared as text.
      assertEquals(
          Optional.of(sandbox), MountProbe.at(box.kernel, dir + "/.."), "the sandbox via ..");
      assertEquals(Optional.empty(), MountTable.readSelf().at(dir + "/.."));
    }
  }

  @Test
  void aMissingPathIsEnoentFromStatxWithItsMeaning() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      StatMount missing = new StatMount(box.dir + "/missing");
      KernelException e = assertThrows(KernelException.class, () -> box.kernel.run(missing));
      assertEquals(Errno.ENOENT, e.errno());
      assertEquals(missing, e.call());
      assertEquals(Optional.of("statx failed"), e.detail());
      assertTrue(e.meaning().orElseThrow().startsWith("the path does not exist"));
      assertTrue(
          e.getMessage().startsWith(missing.text() + " failed: ENOENT (No such file or directory)"),
          e.getMessage());
      Path file = Files.createFile(box.dir.resolve("f"));
      KernelException notDir =
          assertThrows(KernelException.class, () -> box.kernel.run(new StatMount(file + "/below")));
      assertEquals(Errno.ENOTDIR, notDir.errno());
      assertEquals(Optional.empty(), MountProbe.at(box.kernel, box.dir + "/missing"));
    }
  }

  @Test
  void aBufferTooSmallForTheStringsIsGrownUntilTheyFit() throws Exception {
    try (KernelSandbox box = new KernelSandbox()) {
      KernelSandbox.Live live = box.mountAutofs("grow", "indirect");
      // 1 byte for the strings: "autofs", the mount point, the source and the options do not fit,
      // so the first statmount fails with EOVERFLOW and is retried with 1026, 2052, ... bytes.
      try (LinuxKernel tiny =
          new LinuxKernel(LinuxKernel.DEV_AUTOFS, MountAbi.SIZEOF_STATMOUNT + 1)) {
        assertEquals(
            box.kernel.run(new StatMount(live.path())), tiny.run(new StatMount(live.path())));
      }
      assertThrows(
          IllegalArgumentException.class,
          () -> new LinuxKernel(LinuxKernel.DEV_AUTOFS, MountAbi.SIZEOF_STATMOUNT - 1));
    }
  }

  /**
   * An autofs mount whose owner is another process group, so this JVM's lookups send requests, with
   * an ioctl fd opened while nothing is pending: once a request is pending, every path walk over
   * the mount point by a non-owner (OPENMOUNT's too) waits for its answer, so parking needs a fd
   * opened before.
   */
  record Foreign(String path, long devid, int readFd, int ioctlFd) {}

  static Foreign mountOwnedBy(KernelSandbox box, String name, String mode, long pgrp) {
    String path = box.mkdir(name);
    PipeEnds pipe = box.pipe();
    String data = "fd=" + pipe.writeFd() + ",pgrp=" + pgrp + ",minproto=5,maxproto=5," + mode;
    box.kernel.run(new Mount("auto." + name, path, "autofs", 0, data));
    box.close(pipe.writeFd());
    // Not stat(2): on a direct mount that would be a lookup, and this JVM is not the owner.
    long devid = box.kernel.run(new IsMountpoint(path)).devid();
    int ioctlFd = box.track(box.kernel.run(new OpenMount(path, devid)));
    return new Foreign(path, devid, pipe.readFd(), ioctlFd);
  }

  /** Starts {@code setsid sleep 60} and waits until it leads a process group of its own. */
  static Process groupLeader(KernelSandbox box) throws Exception {
    Process p = box.start("setsid", "sleep", "60");
    ProcFs proc = ProcFs.system();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (proc.processGroup(p.pid()).orElse(-1) != p.pid()) {
      assertTrue(System.nanoTime() < deadline, "setsid did not make its own process group");
      Thread.sleep(5);
    }
    return p;
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
  }

  @Test
  void anotherOwnersAutofsMountPointsAreReadWithoutARequestButPendingRequestsAndNewKeysWait()
      throws Exception {
    ExecutorService pool = Executors.newCachedThreadPool();
    try (KernelSandbox box = new KernelSandbox()) {
      Process owner = groupLeader(box);
      List<Foreign> mounts = new ArrayList<>();
      try {
        Foreign direct = mountOwnedBy(box, "direct", "direct", owner.pid());
        Foreign indirect = mountOwnedBy(box, "indirect", "indirect", owner.pid());
        mounts.add(direct);
        mounts.add(indirect);
        assertFalse(
            box.kernel.run(new GetPgrp()) == owner.pid(), "this JVM is not the mounts' owner");

        // The mount points themselves: answered at once, nothing on either pipe.
        for (Foreign m : mounts) {
          Future<MountState> f = pool.submit(() -> box.kernel.run(new StatMount(m.path())));
          MountState s = f.get(10, TimeUnit.SECONDS);
          assertTrue(s.atPath());
          assertTrue(s.isAutofs());
          assertEquals(m.path(), s.mountPoint());
          assertEquals(m.devid(), s.dev());
          assertTrue(s.options().contains(",pgrp=" + owner.pid() + ","), "owned by " + s.options());
          assertFalse(box.kernel.run(new Poll(m.readFd(), 300)), "a request reached " + m.path());
        }
        assertEquals(
            Optional.of(box.mountinfo(direct.path())), MountProbe.at(box.kernel, direct.path()));
        assertFalse(box.kernel.run(new Poll(direct.readFd(), 300)), "MountProbe sent a request");

        // The control: the same statx without AT_NO_AUTOMOUNT sends a request, and waits for it.
        // (Not stat(2): the kernel adds AT_NO_AUTOMOUNT to the whole stat family itself.)
        Future<Integer> automounting =
            pool.submit(() -> statxErrno(direct.path(), StatMount.AT_SYMLINK_NOFOLLOW));
        assertTrue(box.kernel.run(new Poll(direct.readFd(), WAIT_MS)), "no request");
        AutofsPacket p = box.kernel.run(new ReadPacket(direct.readFd())).orElseThrow();
        assertEquals(AutofsPacket.Type.MISSING_DIRECT, p.type());
        assertEquals(ProcessHandle.current().pid(), p.tgid(), "this JVM asked");
        assertFalse(automounting.isDone(), "the requester waits for the owner's answer");

        // While that request is pending, StatMount of the same mount point waits for it as well
        // (autofs's d_manage holds every walk over the dentry), and sends nothing more.
        Future<MountState> waiting =
            pool.submit(() -> box.kernel.run(new StatMount(direct.path())));
        assertThrows(TimeoutException.class, () -> waiting.get(500, TimeUnit.MILLISECONDS));
        assertFalse(box.kernel.run(new Poll(direct.readFd(), 100)), "a second request");

        box.kernel.run(new Catatonic(direct.ioctlFd())); // fails the pending request
        assertEquals(Errno.ENOENT.number(), automounting.get(10, TimeUnit.SECONDS));
        // ... and then fails as the request did: ENOENT for a mount point that is there.
        assertFailsWithEnoentFromStatx(waiting);
        assertTrue(
            box.kernel.run(new StatMount(direct.path())).options().startsWith("fd=-1,"),
            "parked, it reads at once");

        // A key that does not exist in a live indirect mount: the kernel makes the name a negative
        // dentry that only the owner can fill, and sends the request despite AT_NO_AUTOMOUNT.
        Future<MountState> key =
            pool.submit(() -> box.kernel.run(new StatMount(indirect.path() + "/key")));
        assertTrue(box.kernel.run(new Poll(indirect.readFd(), WAIT_MS)), "no request for key");
        AutofsPacket k = box.kernel.run(new ReadPacket(indirect.readFd())).orElseThrow();
        assertEquals(AutofsPacket.Type.MISSING_INDIRECT, k.type());
        assertEquals("key", k.name());
        assertFalse(key.isDone(), "StatMount waits for the owner's answer");
        box.kernel.run(new Catatonic(indirect.ioctlFd()));
        assertFailsWithEnoentFromStatx(key);
      } finally {
        for (Foreign m : mounts) {
          KernelOps.attempt(box.kernel, new Catatonic(m.ioctlFd()));
        }
        stop(owner);
        pool.shutdownNow();
      }
    }
  }

  /** statx(AT_FDCWD, path, flags, STATX_MNT_ID_UNIQUE) straight through libc: 0 or the errno. */
  static int statxErrno(String path, int flags) {
    try (Memory buf = new Memory(MountAbi.SIZEOF_STATX)) {
      LibC.syscall(
          MountAbi.SYS_STATX,
          StatMount.AT_FDCWD,
          LibC.path(path),
          flags,
          StatMount.STATX_MNT_ID_UNIQUE,
          buf);
      return 0;
    } catch (LastErrorException e) {
      return e.getErrorCode();
    }
  }

  static void assertFailsWithEnoentFromStatx(Future<MountState> f) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    KernelException k = (KernelException) e.getCause();
    assertEquals(Errno.ENOENT, k.errno());
    assertEquals(Optional.of("statx failed"), k.detail());
  }

  @Test
  void everyReachableMountOfThisNamespaceReadsAsItsMountinfoLine() throws Exception {
    Prerequisites.requireRealKernel();
    try (LinuxKernel kernel = new LinuxKernel()) {
      try {
        kernel.run(new StatMount("/"));
      } catch (KernelException e) {
        assumeTrue(e.errno() != Errno.ENOSYS, "this kernel has no statmount(2): " + e.detail());
        throw e;
      }
      MountTable table = MountTable.readSelf();
      int same = 0;
      List<String> hidden = new ArrayList<>();
      List<String> mand = new ArrayList<>();
      for (MountInfo m : table.entries()) {
        if (m.superOption("mand").isPresent()) {
          mand.add(m.mountPoint()); // SB_MANDLOCK: not in statmount's sb_flags
          continue;
        }
        MountState s;
        try {
          s = kernel.run(new StatMount(m.mountPoint()));
        } catch (KernelException e) {
          hidden.add(m.mountPoint() + " (" + e.errnoName() + ")");
          continue;
        }
        if (!s.atPath() || s.oldMountId() != m.mountId()) {
          hidden.add(m.mountPoint() + " (covered: the path reaches mount " + s.oldMountId() + ")");
          continue;
        }
        assertEquals(LACKING_HERE, s.lacking(), m.mountPoint());
        assertEquals(
            rawLine(m.mountId()),
            LACKING_HERE.isEmpty()
                ? MountInfo.from(s).line()
                : MountProbe.at(kernel, m.mountPoint()).orElseThrow().line());
        same++;
      }
      System.out.println(
          "StatMount rendered the mountinfo line of "
              + same
              + " of "
              + table.entries().size()
              + " mounts exactly; not reachable by path: "
              + hidden
              + "; with mand: "
              + mand);
      assertTrue(same > table.entries().size() / 2, "most mounts are reachable: " + hidden);
    }
  }
}
