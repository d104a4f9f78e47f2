package org.autofsrestore.kernel.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processes asleep on autofs mounts, found in a hand-made /proc tree. */
class SleepersTest {
  /** Where the crafted mem files hold the path string: any offset works as an address. */
  private static final long ADDRESS = 0x1000;

  private static Path process(Path proc, long pid, String comm, char state, String wchan)
      throws Exception {
    Path d = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.createDirectories(d.resolve("fd"));
    Files.createDirectories(d.resolve("fdinfo"));
    Files.writeString(d.resolve("comm"), comm + "\n");
    Files.writeString(d.resolve("stat"), pid + " (" + comm + ") " + state + " 1 " + pid + " 0\n");
    if (wchan != null) {
      Files.writeString(d.resolve("wchan"), wchan);
    }
    return d;
  }

  private static void blockedIn(Path d, String syscall, String path, String cwd) throws Exception {
    Files.writeString(d.resolve("syscall"), syscall + "\n");
    if (path != null) {
      byte[] mem = new byte[(int) ADDRESS + 4096];
      byte[] p = path.getBytes(StandardCharsets.UTF_8);
      System.arraycopy(p, 0, mem, (int) ADDRESS, p.length);
      Files.write(d.resolve("mem"), mem);
    }
    if (cwd != null) {
      Files.createSymbolicLink(d.resolve("cwd"), Path.of(cwd));
    }
  }

  @Test
  void aStatxOfAnAbsolutePathNamesThePathFromSyscallAndMem(@TempDir Path proc) throws Exception {
    Path d = process(proc, 40, "stat", 'D', "autofs_wait");
    blockedIn(d, "332 0xffffff9c 0x1000 0x900 0xfff 0x7ffd0 0x0 0x7ffd 0x7f", "/srv/auto/key", "/");
    process(proc, 41, "sleepy", 'S', "do_nanosleep");
    process(proc, 42, "disk", 'D', "io_schedule");

    List<SleepingTask> found = new ProcFs(proc).asleepInAutofs();

    assertEquals(1, found.size(), found.toString());
    SleepingTask t = found.get(0);
    assertEquals(40, t.pid());
    assertEquals("stat", t.comm());
    assertEquals(Optional.of("autofs_wait"), t.wchan());
    assertEquals(Optional.of("/srv/auto/key"), t.path());
    assertEquals("", t.unseen());
  }

  @Test
  void aRelativePathIsResolvedAgainstTheCwdOrTheDirectoryFd(@TempDir Path proc) throws Exception {
    Path cwdCase = process(proc, 50, "ls", 'D', "autofs_wait");
    blockedIn(cwdCase, "4 0x1000 0x7ffd 0x0 0x0 0x0 0x0 0x7ffd 0x7f", "../direct/./x", "/srv/a");
    Path fdCase = process(proc, 51, "find", 'D', "0");
    Files.writeString(
        fdCase.resolve("stack"),
        "[<0>] autofs_wait+0x3b5/0x820\n[<0>] autofs_d_manage+0x7a/0x1c0\n");
    blockedIn(fdCase, "257 0x7 0x1000 0x0 0x0 0x0 0x0 0x7ffd 0x7f", "sub", "/");
    Files.createSymbolicLink(fdCase.resolve("fd/7"), Path.of("/mnt/offset"));

    List<SleepingTask> found = new ProcFs(proc).asleepInAutofs();

    assertEquals(Optional.of("/srv/direct/x"), found.get(0).path());
    assertEquals(Optional.of("/mnt/offset/sub"), found.get(1).path());
    assertEquals(Optional.empty(), found.get(1).wchan(), "wchan 0 is not shown");
    assertEquals(List.of("autofs_wait", "autofs_d_manage"), found.get(1).stack());
    assertEquals(List.of("/mnt/offset"), found.get(1).openPaths());
  }

  @Test
  void whatCannotBeReadIsSaidNotGuessed(@TempDir Path proc) throws Exception {
    process(proc, 60, "other-user", 'D', "autofs_wait");
    Path running = process(proc, 61, "odd", 'D', "autofs_wait");
    blockedIn(running, "running", null, null);
    Path noMem = process(proc, 62, "nomem", 'D', "autofs_wait");
    blockedIn(noMem, "262 0xffffff9c 0x1000 0x0 0x0 0x0 0x0 0x7ffd 0x7f", null, null);

    List<SleepingTask> found = new ProcFs(proc).asleepInAutofs();

    assertEquals(3, found.size());
    for (SleepingTask t : found) {
      assertEquals(Optional.empty(), t.path(), t.toString());
    }
    assertTrue(
        found.get(0).unseen().contains("/proc/60/syscall is not readable"), found.get(0).unseen());
    assertTrue(
        found.get(1).unseen().contains("shows no system call: running"), found.get(1).unseen());
    assertTrue(
        found.get(2).unseen().contains("/proc/62/mem is not readable"), found.get(2).unseen());
  }

  @Test
  void theSyscallLineIsParsedWithTheDirectoryFdAsTheKernelReadsIt() {
    BlockedSyscall statx =
        BlockedSyscall.parse("332 0xffffffffffffff9c 0x55d0 0x900 0x7ff 0x7ffc 0x0 0x7ffc 0x7f")
            .orElseThrow();
    assertEquals(BlockedSyscall.AT_FDCWD, statx.dirFd());
    assertEquals(1, statx.pathArgument().getAsInt());
    assertEquals(0x55d0L, statx.args().get(1));
    assertEquals(Optional.empty(), BlockedSyscall.parse("running"));
    assertEquals(Optional.empty(), BlockedSyscall.parse("-1 0x7ffc 0x7f"));
    assertTrue(
        BlockedSyscall.parse("0 0x3 0x0 0x0 0x0 0x0 0x0 0x1 0x2")
            .orElseThrow()
            .pathArgument()
            .isEmpty());
  }

  @Test
  void fdTablesThatCannotBeListedAreCounted(@TempDir Path proc) throws Exception {
    Path open = process(proc, 70, "automount", 'S', null);
    Files.createSymbolicLink(open.resolve("fd/3"), Path.of("pipe:[777]"));
    Files.writeString(open.resolve("fdinfo/3"), "pos:\t0\nflags:\t0\n");
    Path closed = process(proc, 71, "someone", 'S', null);
    // A table that cannot be listed: EACCES on the real /proc; here (tests may run as root) a
    // file where the directory should be.
    Files.delete(closed.resolve("fd"));
    Files.writeString(closed.resolve("fd"), "");

    FdScan scan = new ProcFs(proc).scanFds(List.of(777L));

    assertEquals(
        List.of(new PipeEndHolder(70, 3, PipeEndHolder.End.READ, "automount", 70)), scan.of(777));
    assertEquals(List.of(71L), scan.unreadable());
  }
}
