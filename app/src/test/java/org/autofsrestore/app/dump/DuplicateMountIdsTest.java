package org.autofsrestore.app.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.autofsrestore.app.cli.ExitStatus;
import org.autofsrestore.app.synth.DumpBuilder;
import org.autofsrestore.app.testing.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel gives each mount an id of its own, across namespaces; the tree below a mount and the
 * plan's order are built from those ids, so a dump that gives one id twice is refused (exit 3),
 * naming the id and the file.
 */
class DuplicateMountIdsTest {
  @TempDir Path tmp;

  @Test
  void anIdGivenTwiceInOneMountTableIsRefusedNamingTheIdAndTheFile() throws Exception {
    Path dump =
        new DumpBuilder()
            .process(1, "init")
            .plainMount("/srv") // id 41, after / (40)
            .reuseMntId(41)
            .plainMount("/data")
            .write(tmp.resolve("d"));

    DumpUnreadableException e =
        assertThrows(DumpUnreadableException.class, () -> DumpLoader.load(dump));

    assertEquals("mountpoints-10.img", e.file().getFileName().toString());
    assertTrue(e.getMessage().startsWith("mountpoints-10.img at byte "), e.getMessage());
    assertTrue(
        e.getMessage().contains(": mount id 41 again (earlier in this file)"), e.getMessage());
  }

  @Test
  void anIdOfOneNamespaceGivenAgainInAnotherIsRefusedNamingBothFiles() throws Exception {
    Path dump =
        new DumpBuilder()
            .process(1, "init")
            .plainMount("/srv")
            .mountNamespace(11)
            .reuseMntId(41)
            .plainMount("/")
            .write(tmp.resolve("d"));

    DumpUnreadableException e =
        assertThrows(DumpUnreadableException.class, () -> DumpLoader.load(dump));

    assertEquals("mountpoints-11.img", e.file().getFileName().toString());
    assertTrue(
        e.getMessage().contains("mount id 41 again (also in mountpoints-10.img)"), e.getMessage());
  }

  @Test
  void inspectExitsThreeWithTheSentenceAndNoTrace() throws Exception {
    Path dump =
        new DumpBuilder()
            .process(1, "init")
            .plainMount("/srv")
            .reuseMntId(40)
            .plainMount("/data")
            .write(tmp.resolve("d"));

    CommandRun run = CommandRun.of("inspect", dump.toString(), "--json");

    assertEquals(ExitStatus.UNREADABLE_IMAGE, run.status(), run.err());
    assertTrue(run.err().contains("mountpoints-10.img at byte "), run.err());
    assertTrue(run.err().contains("mount id 40 again"), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    assertEquals("", run.out());
  }

  @Test
  void distinctIdsInEveryNamespaceStillLoad() throws Exception {
    Path dump =
        new DumpBuilder()
            .process(1, "init")
            .plainMount("/srv")
            .mountNamespace(11)
            .plainMount("/")
            .plainMount("/srv")
            .write(tmp.resolve("d"));

    assertEquals(4, DumpLoader.load(dump).mountCount());
  }
}
