package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@code inspect --json} finds in every fixture what its expected.json says a reader must. */
class InspectFixturesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> everyValidFixtureAgreesWithItsExpectationOnEveryAutofsMount() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : Fixtures.withExpectations()) {
      tests.add(DynamicTest.dynamicTest(name, () -> agree(name)));
    }
    assertTrue(tests.size() >= 11, "fixtures found: " + tests);
    return tests.stream();
  }

  private static void agree(String name) throws IOException {
    JsonNode expected = JSON.readTree(Fixtures.expectedJson(name).toFile());
    CommandRun run = CommandRun.of("inspect", "--json", Fixtures.dir(name).toString());
    assertEquals("", run.err(), "nothing on stderr");
    JsonNode actual = JSON.readTree(run.out());
    JsonNode mounts = actual.get("autofs_mounts");
    assertEquals(expected.get("autofs_mounts").size(), mounts.size(), "autofs mount count");

    if (!expected.get("valid").asBoolean()) {
      JsonNode error = expected.get("error");
      JsonNode mount = byMountpoint(mounts, error.get("mountpoint").asText());
      assertTrue(
          stream(mount.get("findings")).anyMatch(f -> f.get("severity").asText().equals("error")),
          name + ": an error finding on " + error.get("mountpoint") + " for " + error);
      assertEquals(1, run.status(), "exit status with an error finding");
      return;
    }
    for (JsonNode want : expected.get("autofs_mounts")) {
      String where = name + " " + want.get("mountpoint").asText();
      JsonNode got = byMountpoint(mounts, want.get("mountpoint").asText());
      for (String field :
          List.of(
              "mnt_id",
              "mnt_ns_id",
              "source",
              "s_dev",
              "timeout",
              "minproto",
              "maxproto",
              "uid",
              "gid",
              "fd",
              "pgrp",
              "options_pgrp",
              "pipe_ino",
              "read_fd",
              "catatonic")) {
        assertEquals(want.get(field), got.get(field), where + ": " + field);
      }
      assertEquals(want.get("mode_name").asText(), got.get("mode").asText(), where + ": mode");
      JsonNode owner = got.get("owner");
      if (want.get("owner_pid").isNull()) {
        assertTrue(owner.isNull(), where + ": no owner");
      } else {
        assertEquals(want.get("owner_pid").asInt(), owner.get("pid").asInt(), where + ": owner");
        assertEquals(want.get("pipe_fd"), owner.get("pipe_fd"), where + ": pipe_fd");
        assertEquals(want.get("read_end_fd"), owner.get("read_end_fd"), where + ": read end");
        assertEquals(
            want.get("write_end_open").asBoolean(),
            owner.get("write_end_open").asBoolean(),
            where + ": write end open");
      }
      assertFalse(
          stream(got.get("findings")).anyMatch(f -> f.get("severity").asText().equals("error")),
          where + ": a valid fixture has no error finding: " + got.get("findings"));
    }
  }

  @Test
  void multiListsExactlyItsFiveAutofsMountsInTheTable() {
    CommandRun run = CommandRun.of("inspect", Fixtures.dir("multi").toString());
    assertEquals(0, run.status());
    for (String mountpoint :
        List.of(
            "/srv/auto-f1",
            "/srv/direct-f2",
            "/srv/data/offset-f5",
            "/srv/auto-f3",
            "/srv/cata-f4")) {
      assertTrue(run.out().contains("\n" + mountpoint + " "), mountpoint + " in\n" + run.out());
    }
    assertTrue(run.out().contains("5 autofs mount(s)"), run.out());
  }

  @Test
  void aDirectoryThatIsNotADumpIsExitStatusThreeWithOneLineAndNoTrace() {
    CommandRun run = CommandRun.of("inspect", Fixtures.root().toString());
    assertEquals(3, run.status());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    assertTrue(run.err().contains("inventory.img is missing"), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace");
  }

  @Test
  void aMissingArgumentIsAUsageError() {
    assertEquals(2, CommandRun.of("inspect").status());
  }

  private static JsonNode byMountpoint(JsonNode mounts, String mountpoint) {
    return stream(mounts)
        .filter(m -> m.get("mountpoint").asText().equals(mountpoint))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no mount " + mountpoint + " in " + mounts));
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.stream();
  }
}
