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

  @AfterEach
  void unmount() throws Exception {
    if (disk != null) {
      run("umount", disk.toString());
    }
  }

  @Test
  void aBatchCutShortByAFullDiskIsWrittenAgainWholeAndItsTornCopySkipped() throws Exception {
    Prerequisites.requireRoot();
    Prerequisites.requireOwnMountNamespace();
    Path mountpoint = Files.createDirectory(dir.resolve("disk"));
    run("mount", "-t", "tmpfs", "-o", "size=16k,mode=0700", "tmpfs", mountpoint.toString());
    disk = mountpoint;
    Path file = disk.resolve("j.jsonl");
    Map<String, String> targets = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      targets.put("/srv/auto-" + i, "/r/srv/auto-" + i);
    }
    Path filler = disk.resolve("filler");
    try (Journal journal = Journal.create(file, Map.of("root", "/r"))) {
      journal.intend(Map.of("/srv/first", "/r/srv/first"));
      long before = Files.size(file);
      try (OutputStream out = Files.newOutputStream(filler)) {
        byte[] block = new byte[512];
        while (true) {
          out.write(block);
        }
      } catch (IOException full) {
        // the disk is full: what the journal's next write meets
      }
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
