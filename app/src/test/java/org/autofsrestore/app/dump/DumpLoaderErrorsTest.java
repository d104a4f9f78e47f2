package org.autofsrestore.app.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.autofsrestore.app.testing.CraftedDumps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory is read beside the process tree and the mount tables, yet a dump broken in several
 * places is reported by the file read first, as when they were read one after the other.
 */
class DumpLoaderErrorsTest {
  @TempDir Path tmp;

  @Test
  void aDamagedInventoryIsReportedBeforeAMissingProcessTree() throws Exception {
    Path dump = CraftedDumps.copy("indirect", tmp.resolve("d"));
    Files.delete(dump.resolve("inventory.img"));
    Files.write(dump.resolve("inventory.img"), new byte[] {0x16, 0x31});
    Files.delete(dump.resolve("pstree.img"));
    DumpUnreadableException e =
        assertThrows(DumpUnreadableException.class, () -> DumpLoader.load(dump));
    assertEquals(dump.resolve("inventory.img"), e.file());
    assertTrue(e.getMessage().startsWith("inventory.img at byte 0: "), e.getMessage());
  }

  @Test
  void aMissingInventoryMeansNotAnImageDirectoryEvenWithoutMountTables() throws Exception {
    Path dump = CraftedDumps.copy("indirect", tmp.resolve("d"));
    Files.delete(dump.resolve("inventory.img"));
    Files.delete(dump.resolve("mountpoints-10.img"));
    DumpUnreadableException e =
        assertThrows(DumpUnreadableException.class, () -> DumpLoader.load(dump));
    assertTrue(e.getMessage().contains("is not a CRIU image directory"), e.getMessage());
  }

  @Test
  void withAGoodInventoryTheProcessTreesErrorIsReported() throws Exception {
    Path dump = CraftedDumps.copy("indirect", tmp.resolve("d"));
    Files.delete(dump.resolve("pstree.img"));
    DumpUnreadableException e =
        assertThrows(DumpUnreadableException.class, () -> DumpLoader.load(dump));
    assertEquals(dump.resolve("pstree.img"), e.file());
  }

  @Test
  void theImageVersionIsTheInventorysAfterAConcurrentRead() throws Exception {
    Dump dump = DumpLoader.load(CraftedDumps.copy("indirect", tmp.resolve("d")));
    assertTrue(dump.imageVersion() > 0, "img_version " + dump.imageVersion());
  }
}
