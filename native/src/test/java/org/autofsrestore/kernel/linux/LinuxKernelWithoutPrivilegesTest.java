package org.autofsrestore.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.autofsrestore.kernel.AutofsIoctl.Version;
import org.autofsrestore.kernel.Dev;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.FileStat;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.PathCall.Mkdir;
import org.autofsrestore.kernel.PathCall.MkdirAt;
import org.autofsrestore.kernel.PathCall.Open;
import org.autofsrestore.kernel.PathCall.OpenAt;
import org.autofsrestore.kernel.PathCall.Stat;
import org.autofsrestore.kernel.PipeEnds;
import org.autofsrestore.kernel.PosixCall.Close;
import org.autofsrestore.kernel.PosixCall.Fstat;
import org.autofsrestore.kernel.PosixCall.GetPgrp;
import org.autofsrestore.kernel.PosixCall.Pipe2;
import org.autofsrestore.kernel.PosixCall.Poll;
import org.autofsrestore.kernel.PosixCall.ReadPacket;
import org.autofsrestore.kernel.probe.ProcFs;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain system calls of {@link LinuxKernel}: no root, no mounts. */
class LinuxKernelWithoutPrivilegesTest {

  /** glibc's own functions, to check this module against (interface mapping, test only). */
  interface Glibc extends Library {
    Glibc C = Native.load(Platform.C_LIBRARY_NAME, Glibc.class);

    long gnu_dev_makedev(int major, int minor);

    String strerror(int errnum);
  }

  @BeforeEach
  void onlyHere() {
    assumeTrue(LinuxKernel.isSupportedPlatform(), "needs x86_64 Linux");
  }

  @Test
  void pipeEndsAreFifosWhoseInodeProcShowsAsHeldByThisProcess() throws Exception {
    Map<Integer, String> before = KernelSandbox.openFds();
    try (LinuxKernel k = new LinuxKernel()) {
      PipeEnds p = k.run(new Pipe2(Pipe2.O_CLOEXEC));
      try {
        FileStat r = k.run(new Fstat(p.readFd()));
        FileStat w = k.run(new Fstat(p.writeFd()));
        assertTrue(r.isFifo());
        assertEquals(r.ino(), w.ino());
        assertEquals(
            "pipe:[" + r.ino() + "]",
            Files.readSymbolicLink(Path.of("/proc/self/fd/" + p.readFd())).toString());
        assertTrue(
            Files.readString(Path.of("/proc/self/fdinfo/" + p.writeFd()))
                .contains("flags:\t02000001"),
            "write end O_WRONLY|O_CLOEXEC");
        long self = ProcessHandle.current().pid();
        var holders = ProcFs.system().pipeHolders(r.ino());
        assertEquals(2, holders.size(), holders.toString());
        assertEquals(self, holders.get(0).pid());
        assertEquals(p.readFd(), holders.get(0).fd());
        assertEquals(org.autofsrestore.kernel.probe.PipeEndHolder.End.READ, holders.get(0).end());
        assertEquals(p.writeFd(), holders.get(1).fd());
        assertEquals(org.autofsrestore.kernel.probe.PipeEndHolder.End.WRITE, holders.get(1).end());
      } finally {
        k.run(new Close(p.readFd()));
        k.run(new Close(p.writeFd()));
      }
    }
    assertEquals(before, KernelSandbox.openFds());
  }

  @Test
  void pollTimesOutOnAnEmptyPipeAndReadPacketSeesEndOfFileAndJunk() throws Exception {
    try (LinuxKernel k = new LinuxKernel()) {
      PipeEnds p = k.run(new Pipe2(Pipe2.O_CLOEXEC));
      try {
        long t0 = System.nanoTime();
        assertFalse(k.run(new Poll(p.readFd(), 50)));
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 45);

        Memory junk = new Memory(5);
        junk.write(0, new byte[] {1, 2, 3, 4, 5}, 0, 5);
        LibC.write(p.writeFd(), junk, 5);
        assertTrue(k.run(new Poll(p.readFd(), 1000)));
        KernelException e =
            assertThrows(KernelException.class, () -> k.run(new ReadPacket(p.readFd())));
        assertEquals(Errno.EPROTO, e.errno());
        assertEquals(Optional.of("packet of 5 bytes has no complete header"), e.detail());

        k.run(new Close(p.writeFd()));
        assertTrue(k.run(new Poll(p.readFd(), 1000)), "hang-up makes the read end ready");
        assertEquals(Optional.empty(), k.run(new ReadPacket(p.readFd())));
      } finally {
        k.run(new Close(p.readFd()));
      }
      KernelException closed =
          assertThrows(KernelException.class, () -> k.run(new Poll(p.readFd(), 10)));
      assertEquals(Errno.EBADF, closed.errno());
      assertEquals(
          Errno.EBADF,
          assertThrows(KernelException.class, () -> k.run(new Close(p.readFd()))).errno());
    }
  }

  @Test
  void statMkdirAndOpenReportWhatTheKernelSays(@TempDir Path tmp) throws Exception {
    try (LinuxKernel k = new LinuxKernel()) {
      String dir = tmp.resolve("d").toString();
      k.run(new Mkdir(dir, 0750));
      FileStat st = k.run(new Stat(dir));
      assertTrue(st.isDirectory());
      assertEquals(0750 & ~umask(), st.permissions());
      assertEquals(Files.getAttribute(tmp.resolve("d"), "unix:ino"), st.ino());
      assertEquals(((Number) Files.getAttribute(tmp, "unix:dev")).longValue(), st.dev());

      KernelException exists =
          assertThrows(KernelException.class, () -> k.run(new Mkdir(dir, 0755)));
      assertEquals(Errno.EEXIST, exists.errno());
      assertEquals(Optional.of("the path already exists"), exists.meaning());

      Path link = tmp.resolve("link");
      Files.createSymbolicLink(link, Path.of("d"));
      assertTrue(k.run(new Stat(link.toString())).isDirectory());
      KernelException loop =
          assertThrows(
              KernelException.class,
              () ->
                  k.run(
                      new Open(
                          link.toString(), Open.O_RDONLY | Open.O_NOFOLLOW | Open.O_DIRECTORY)));
      assertTrue(loop.errno() == Errno.ELOOP || loop.errno() == Errno.ENOTDIR, loop.getMessage());

      int fd = k.run(new Open(dir, Open.O_RDONLY | Open.O_DIRECTORY | Open.O_CLOEXEC));
      assertEquals(st, k.run(new Fstat(fd)));
      k.run(new Close(fd));

      Stat missing = new Stat(tmp.resolve("missing").toString());
      KernelException enoent = assertThrows(KernelException.class, () -> k.run(missing));
      assertEquals(Errno.ENOENT, enoent.errno());
      assertEquals(missing, enoent.call());
      assertEquals(
          missing.text() + " failed: ENOENT (No such file or directory): no such file or directory",
          enoent.getMessage());
    }
  }

  @Test
  void openatAndMkdiratWalkADirectoryTreeWithoutFollowingSymlinks(@TempDir Path tmp)
      throws Exception {
    Map<Integer, String> before = KernelSandbox.openFds();
    Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(tmp.resolve("escape"), tmp.resolve("outside"));
    int walk = Open.O_PATH | Open.O_NOFOLLOW | Open.O_DIRECTORY | Open.O_CLOEXEC;
    try (LinuxKernel k = new LinuxKernel()) {
      int root = k.run(new OpenAt(OpenAt.AT_FDCWD, tmp.toString(), walk));
      try {
        k.run(new MkdirAt(root, "srv", 0755));
        int srv = k.run(new OpenAt(root, "srv", walk));
        assertEquals(k.run(new Stat(tmp.resolve("srv").toString())), k.run(new Fstat(srv)));
        k.run(new Close(srv));

        OpenAt viaLink = new OpenAt(root, "escape", walk);
        KernelException e = assertThrows(KernelException.class, () -> k.run(viaLink));
        assertTrue(e.errno() == Errno.ELOOP || e.errno() == Errno.ENOTDIR, e.getMessage());
        assertEquals(viaLink, e.call());
        assertEquals(
            Errno.EEXIST,
            assertThrows(KernelException.class, () -> k.run(new MkdirAt(root, "srv", 0755)))
                .errno());
        assertEquals(
            Errno.EBADF,
            assertThrows(KernelException.class, () -> k.run(new MkdirAt(999_999, "x", 0755)))
                .errno());
      } finally {
        k.run(new Close(root));
      }
    }
    assertEquals(before, KernelSandbox.openFds());
  }

  @Test
  @Tag("kernel")
  void processGroupIsThisProcesssAndTheControlDeviceAnswersItsVersion() throws Exception {
    Prerequisites.requireRealKernel();
    try (LinuxKernel k = new LinuxKernel()) {
      long pid = ProcessHandle.current().pid();
      assertEquals(ProcFs.system().processGroup(pid).orElseThrow(), (long) k.run(new GetPgrp()));
      assertEquals(1, k.run(new Version()).major());
    }
  }

  @Test
  void aMissingControlDeviceIsReportedAsTheOpenThatFailed(@TempDir Path tmp) {
    String absent = tmp.resolve("no-autofs").toString();
    try (LinuxKernel k = new LinuxKernel(absent)) {
      KernelException e = assertThrows(KernelException.class, () -> k.run(new Version()));
      assertEquals(new Open(absent, Open.O_RDONLY | Open.O_CLOEXEC), e.call());
      assertEquals(Errno.ENOENT, e.errno());
      assertTrue(
          e.getMessage().contains("needed to run ioctl(/dev/autofs, AUTOFS_DEV_IOCTL_VERSION"));
    }
  }

  @Test
  void deviceNumbersAndErrnoTextsAgreeWithGlibc() {
    int[][] cases = {{0, 45}, {8, 1}, {259, 7}, {4095, 255}, {4096, 256}, {0x12345, 0xabcde}};
    for (int[] c : cases) {
      assertEquals(Glibc.C.gnu_dev_makedev(c[0], c[1]), Dev.makedev(c[0], c[1]));
    }
    assumeTrue(
        "No such file or directory".equals(Glibc.C.strerror(2)),
        "libc messages are translated in this locale");
    for (Errno e : Errno.values()) {
      assertEquals(Glibc.C.strerror(e.number()), e.strerror(), e.name());
    }
  }

  private static int umask() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("Umask:")) {
        return Integer.parseInt(line.substring(6).trim(), 8);
      }
    }
    return 022;
  }
}
