package org.autofsrestore.app.dump.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.autofsrestore.app.testing.CheckpointArchives;
import org.autofsrestore.app.testing.CheckpointArchives.Engine;
import org.autofsrestore.app.testing.CheckpointArchives.Packing;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore} on a checkpoint archive where the kernel has no autofs (these machines' own): it
 * prints the plan of the archive's dump, as it does for the dump's directory, refuses to run it
 * with exit 4, and leaves no private directory behind. A real restore of an archive needs autofs:
 * on these machines only in the kernel VM, where no test of it runs yet.
 */
class RestoreOnAnArchiveTest {
  @TempDir Path temp;
  private Path tmp;
  private String savedTmpdir;

  @BeforeEach
  void pointTheTempRootAtTheTest() throws IOException {
    // On a kernel with autofs this command would mount: the VM's kernel tests are for that.
    Assumptions.assumeFalse(
        Files.exists(Path.of("/dev/autofs")),
        "this kernel has autofs: restore would run; the refusal is tested where it has none");
    tmp = Files.createDirectory(temp.resolve("tmp"));
    savedTmpdir = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", tmp.toString());
  }

  @AfterEach
  void restoreTheTempRoot() {
    if (savedTmpdir != null) {
      System.setProperty("java.io.tmpdir", savedTmpdir);
    }
  }

  @Test
  void restoreOnAnArchiveShowsItsPlanRefusesWithoutAutofsAndLeavesNoPrivateDirectory()
      throws IOException {
    Path directory = Fixtures.dir("multi");
    Path archive =
        CheckpointArchives.write(directory, Engine.PODMAN, Packing.ZSTD, temp.resolve("ck"));
    Path root = Files.createDirectory(temp.resolve("root"));
    CommandRun fromArchive =
        CommandRun.of("restore", archive.toString(), "--root", root.toString(), "--mkdir", "--yes");
    CommandRun fromDirectory =
        CommandRun.of(
            "restore", directory.toString(), "--root", root.toString(), "--mkdir", "--yes");
    assertEquals(4, fromArchive.status(), fromArchive.err());
    assertTrue(fromArchive.err().contains("cannot restore here"), fromArchive.err());
    assertTrue(fromArchive.out().contains("/srv/auto-f1"), fromArchive.out());
    assertEquals(
        fromDirectory.out().replace(directory.toString(), archive.toString()), fromArchive.out());
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of(), left.toList(), "the private directory removed");
    }
    try (Stream<Path> made = Files.list(root)) {
      assertEquals(List.of(), made.toList(), "nothing made under the root");
    }
  }
}
