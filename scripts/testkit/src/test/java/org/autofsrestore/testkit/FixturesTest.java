package org.autofsrestore.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class FixturesTest {
  @Test
  void theFixturesAreThoseOfThisCheckoutWhateverTheWorkingDirectory() {
    assertTrue(Fixtures.root().isAbsolute(), Fixtures.root().toString());
    assertTrue(Fixtures.root().endsWith("scripts/testkit/fixtures"), Fixtures.root().toString());
    assertTrue(Files.isRegularFile(Fixtures.dir("multi").resolve("inventory.img")));
  }

  @Test
  void everyScenarioWithExpectationsIsAnImageDirectory() {
    assertTrue(
        Fixtures.withExpectations().contains("multi"), Fixtures.withExpectations()::toString);
    for (String name : Fixtures.withExpectations()) {
      assertTrue(Fixtures.imageDirectories().contains(Fixtures.dir(name)), name);
      assertTrue(Files.isRegularFile(Fixtures.expectedJson(name)), name);
    }
  }

  @Test
  void critsJsonOfAnImageLiesUnderCritJsonByDirectoryAndName() {
    assertEquals(
        Fixtures.root().resolve("crit-json/multi/pstree.json"),
        Fixtures.critJson(Fixtures.dir("multi").resolve("pstree.img")));
    assertTrue(Files.isRegularFile(Fixtures.critJson(Fixtures.dir("multi").resolve("pstree.img"))));
  }
}
