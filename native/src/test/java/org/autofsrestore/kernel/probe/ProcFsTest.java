package org.autofsrestore.kernel.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProcFs on a hand-made /proc tree, and on the real one. */
class ProcFsTest {

  private static void process(Path proc, long pid, String comm, long ppid, long pgrp)
      throws Exception {
    Path d = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.createDirectories(d.resolve("fd"));
    Files.createDirectories(d.resolve("fdinfo"));
    Files.createDirectories(d.resolve("ns"));
    Files.writeString(d.resolve("comm"), comm + "\n");
    Files.writeString(
        d.resolve("stat"), pid + " (" + comm + ") S " + ppid + " " + pgrp + " " + pgrp + " 0\n");
    Files.writeString(d.resolve("status"), "Name:\t" + comm + "\nUid:\t0\t1000\t1000\t1000\n");
  }

  private static void fd(Path proc, long pid, int fd, String target, String flags)
      throws Exception {
    Files.createSymbolicLink(proc.resolve(pid + "/fd/" + fd), Path.of(target));
    Files.writeString(
        proc.resolve(pid + "/fdinfo/" + fd), "pos:\t0\nflags:\t" + flags + "\nmnt_id:\t15\n");
  }

  @Test
  void pipeHoldersAreFoundWithTheirEndCommAndGroup(@TempDir Path proc) throws Exception {
    process(proc, 100, "automount", 1, 100);
    process(proc, 200, "we (ird) name", 100, 100);
    process(proc, 300, "other", 1, 300);
    fd(proc, 100, 3, "pipe:[5678]", "02000000");
    fd(proc, 100, 4, "pipe:[5678]", "02000001");
    fd(proc, 200, 7, "pipe:[5678]", "0100002");
    fd(proc, 200, 8, "pipe:[9999]", "01");
    fd(proc, 300, 5, "/nonexistent/file", "0100000");
    Files.createDirectories(proc.resolve("self-not-a-pid"));

    ProcFs fs = new ProcFs(proc);

    assertEquals(
        List.of(
            new PipeEndHolder(100, 3, PipeEndHolder.End.READ, "automount", 100),
            new PipeEndHolder(100, 4, PipeEndHolder.End.WRITE, "automount", 100),
            new PipeEndHolder(200, 7, PipeEndHolder.End.READ_WRITE, "we (ird) name", 100)),
        fs.pipeHolders(5678));
    Map<Long, List<PipeEndHolder>> both = fs.pipeHolders(Set.of(5678L, 9999L, 1L));
    assertEquals(2, both.size());
    assertEquals(1, both.get(9999L).size());
    assertEquals(List.of(), fs.pipeHolders(4242));
    assertEquals(OptionalLong.of(100), fs.parentPid(200));
    assertEquals(OptionalLong.of(100), fs.processGroup(200));
    assertEquals(Optional.of("we (ird) name"), fs.comm(200));
    assertEquals(OptionalLong.of(1000), fs.effectiveUid(100));
    assertEquals(OptionalLong.empty(), fs.processGroup(12345));
    assertEquals(List.of(100L, 200L, 300L), fs.pids());
  }

  @Test
  void theRealProcKnowsThisProcess() throws Exception {
    ProcFs fs = ProcFs.system();
    long self = fs.selfPid();
    assertEquals(ProcessHandle.current().pid(), self);
    assertEquals(
        ProcessHandle.current().parent().orElseThrow().pid(), fs.parentPid(self).orElseThrow());
    assertTrue(fs.mountNamespace(self).orElseThrow().startsWith("mnt:["));
    assertTrue(fs.processGroup(self).isPresent());
    assertFalse(fs.comm(self).orElseThrow().isEmpty());
  }

  @Test
  void theTestJvmRunsInAMountNamespaceOtherThanItsParentsWhenRoot() throws Exception {
    ProcFs fs = ProcFs.system();
    Prerequisites.requireRoot();
    assertTrue(fs.selfInOtherMountNamespaceThanParent());
  }
}
