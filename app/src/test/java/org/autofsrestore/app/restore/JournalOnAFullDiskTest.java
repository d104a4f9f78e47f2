package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk mid-write: a 16 KiB tmpfs, mounted in this test JVM's own mount namespace, filled up
 * while a batch's intents are written. The journal keeps the lines it could not write, writes them
 * again whole once there is room, and a replay skips the torn copy with a warning and has every
 * intent.
 */
class JournalOnAFullDiskTest {
  @TempDir Path dir;

  private Path disk;

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).inheritIO().start();
    assertEquals(0, p.waitFor(), String.join(" ", command));
  }

  private Path mountTmpfs() throws Exception {
    Prerequisites.requireRoot();
    Prerequisites.requireOwnMountNamespace();
    Path mountpoint = Files.createDirectory(dir.resolve("disk"));
    run("mount", "-t", "tmpfs", "-o", "size=16k,mode=0700", "tmpfs", mountpoint.toString());
    disk = mountpoint;
    return mountpoint;
  }

  private static void fill(Path filler) {
    try (OutputStream out = Files.newOutputStream(filler)) {
      byte[] block = new byte[512];
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      // the disk is full: what the journal's next write meets
    }
  }

  @Test
  void aCallThatSucceededButCouldNotBeJournaledIsNeverRunAgain() throws Exception {
    Path disk = mountTmpfs();
    Path root = Files.createDirectory(dir.resolve("root"));
    Plan plan =
        Planner.plan(
            org.autofsrestore.app.autofs.AutofsAnalysis.inspect(
                org.autofsrestore.app.dump.DumpLoader.load(
                    org.autofsrestore.testkit.Fixtures.dir("indirect"))),
            new FixedLiveSystem().directories(root.toString()),
            new Planner.Options(root, java.util.List.of(), OwnerMode.HANDOFF, true, 0, true));
    Path filler = disk.resolve("filler");
    // The real kernel runs each call; after the first, the disk fills, so its end line fails.
    org.autofsrestore.kernel.Kernel real = new org.autofsrestore.kernel.linux.LinuxKernel();
    int[] calls = {0};
    org.autofsrestore.kernel.Kernel fillingAfterFirst =
        new org.autofsrestore.kernel.Kernel() {
          @Override
          public <R> R run(org.autofsrestore.kernel.KernelCall<R> call) {
            R answer = real.run(call);
            if (calls[0]++ == 0) {
              fill(filler);
            }
            return answer;
          }
        };
    try (Journal journal =
        Journal.create(disk.resolve("j.jsonl"), Map.of("root", root.toString()))) {
      // tmpfs allocates whole pages: pad the journal (a blank line, which a replay skips) so that
      // its last page has room for the first step's begin line (the open of the root, ms taken as
      // 4 digits) and 8 bytes more, not for its end line.
      Path file = disk.resolve("j.jsonl");
      String text = "open(\\\"" + root + "\\\", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH)";
      int begin =
          ("{\"event\":\"begin\",\"seq\":2,\"mountpoint\":\"/srv/auto-a\",\"ms\":0000,"
                  + "\"call\":\"open\",\"text\":\""
                  + text
                  + "\"}\n")
              .length();
      long size = Files.size(file);
      long need = Math.floorMod(4096 - (begin + 8) - size, 4096L);
      Files.writeString(
          file, " ".repeat((int) need - 1) + "\n", java.nio.file.StandardOpenOption.APPEND);
      Executor executor =
          new Executor(plan, fillingAfterFirst, journal, false, new HostProbe(real), 1);
      StepResult first = executor.next("/srv/auto-a").orElseThrow();
      assertTrue(first instanceof StepResult.Failed, first.toString());
      assertEquals("UNRECORDED", ((StepResult.Failed) first).errno());
      assertTrue(first.answer().contains("the call succeeded"), first.answer());
      assertEquals(java.util.Optional.empty(), executor.next("/srv/auto-a"), "never run again");
      assertEquals(1, calls[0], "the kernel was asked once");
      Files.delete(filler);
    }
  }

  @AfterEach
  void unmount() throws Exception {
    if (disk != null) {
      run("umount", disk.toString());
    }
  }

  @Test
  void aBatchCutShortByAFullDiskIsWrittenAgainWholeAndItsTornCopySkipped() throws Exception {
    Path file = mountTmpfs().resolve("j.jsonl");
    Map<String, String> targets = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      targets.put("/srv/auto-" + i, "/r/srv/auto-" + i);
    }
    Path filler = disk.resolve("filler");
    try (Journal journal = Journal.create(file, Map.of("root", "/r"))) {
      journal.intend(Map.of("/srv/first", "/r/srv/first"));
      long before = Files.size(file);
      fill(filler);
      assertThrows(UncheckedIOException.class, () -> journal.intend(targets));
      long torn = Files.size(file) - before;
      Files.delete(filler);
      journal.sync(); // the kept lines, again and whole
      JournalReplay replay = JournalReplay.read(file);
      assertEquals(101, replay.mountedTargets().size(), replay.mountedTargets().toString());
      assertEquals(torn > 0 ? 1 : 0, replay.warnings().size(), torn + " bytes torn: " + replay);
      assertTrue(torn > 0, "the page's slack took part of the batch: a real torn write");
    }
  }
}
