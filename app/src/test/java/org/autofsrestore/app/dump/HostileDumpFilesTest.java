package org.autofsrestore.app.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.autofsrestore.app.cli.ExitStatus;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dump directory is written by the container it holds: a FIFO, a device or a symlink swapped in
 * for an image file or a CRIU log is refused without blocking, the file named.
 */
class HostileDumpFilesTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

  @TempDir Path dir;

  private Path copyOfIndirect() throws Exception {
    Path copy = Files.createDirectories(dir.resolve("dump"));
    try (var files = Files.list(Fixtures.dir("indirect"))) {
      for (Path p : files.toList()) {
        Files.copy(p, copy.resolve(p.getFileName()));
      }
    }
    return copy;
  }

  private static void mkfifo(Path path) throws Exception {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertEquals(0, p.waitFor());
  }

  @Test
  void aFifoNamedAsAnImageFileIsRefusedAsNotARegularFileWithoutBlocking() throws Exception {
    Path dump = copyOfIndirect();
    Path image = dump.resolve("inventory.img");
    Files.delete(image);
    mkfifo(image);
    CommandRun run =
        assertTimeoutPreemptively(HANG_GUARD, () -> CommandRun.of("inspect", dump.toString()));
    assertEquals(ExitStatus.UNREADABLE_IMAGE, run.status(), run.err());
    assertTrue(run.err().contains("inventory.img"), run.err());
    assertTrue(run.err().contains("not a regular file (a FIFO)"), run.err());
  }

  @Test
  void aSymlinkNamedAsAnImageFileIsRefusedAndNotFollowed() throws Exception {
    Path dump = copyOfIndirect();
    Path image = dump.resolve("inventory.img");
    Path elsewhere = Files.move(image, dir.resolve("elsewhere.img"));
    Files.createSymbolicLink(image, elsewhere);
    CommandRun run = CommandRun.of("inspect", dump.toString());
    assertEquals(ExitStatus.UNREADABLE_IMAGE, run.status(), run.err());
    assertTrue(run.err().contains("not a regular file (a symlink)"), run.err());
  }

  @Test
  void aFifoNamedAsACriuLogIsPassedOverWithoutBlocking() throws Exception {
    Path dump = copyOfIndirect();
    mkfifo(dump.resolve("dump.log"));
    CommandRun run =
        assertTimeoutPreemptively(HANG_GUARD, () -> CommandRun.of("inspect", dump.toString()));
    assertEquals(ExitStatus.OK, run.status(), run.err());
  }

  @Test
  void untrustedFileRefusesAFifoADirectoryAndASymlinkEachByWhatItIs() throws Exception {
    Path fifo = dir.resolve("fifo");
    mkfifo(fifo);
    Path link = Files.createSymbolicLink(dir.resolve("link"), fifo);
    for (Path p : new Path[] {fifo, dir, link}) {
      org.autofsrestore.app.io.UntrustedFile.Refused refused =
          assertTimeoutPreemptively(
              HANG_GUARD,
              () ->
                  org.junit.jupiter.api.Assertions.assertThrows(
                      org.autofsrestore.app.io.UntrustedFile.Refused.class,
                      () -> org.autofsrestore.app.io.UntrustedFile.open(p)));
      assertTrue(refused.getMessage().startsWith(p + " is "), refused.getMessage());
    }
  }
}
