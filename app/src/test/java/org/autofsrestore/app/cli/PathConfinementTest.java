package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.app.testing.HostileRoots;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 8's path confinement, through the real {@code plan} command: a dump whose autofs mount
 * point would lead out of {@code --root} is refused as a finding, the mount is not runnable, and
 * its plan never names a path outside the root as a step's target.
 */
class PathConfinementTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(HostileRoots.Case.class)
  void planRefusesTheMountAsAFindingBeforeAnyStepRuns(HostileRoots.Case c) throws Exception {
    HostileRoots.Setup s = HostileRoots.prepare(c, tmp);
    Map<String, String> before = HostileRoots.listing(tmp);

    CommandRun run =
        CommandRun.of(
            "plan",
            s.dump().toString(),
            "--root",
            s.root().toString(),
            "--mkdir",
            "--owner",
            "handoff",
            "--json");

    assertEquals(1, run.status(), "an error finding: exit 1\n" + run.out() + run.err());
    JsonNode plan = JSON.readTree(run.out());
    JsonNode m = plan.get("mounts").get(0);
    assertFalse(m.get("runnable").asBoolean(), m.toString());
    List<String> codes = new ArrayList<>();
    m.get("findings").forEach(f -> codes.add(f.get("code").asText()));
    assertTrue(codes.contains(c.code()), c + ": " + codes);
    for (JsonNode f : m.get("findings")) {
      if (f.get("code").asText().equals(c.code())) {
        assertEquals("error", f.get("severity").asText(), f.toString());
      }
    }
    // A refused target gets no mkdir step (the indirect fixture has no mounts below its one).
    for (JsonNode stage : m.get("stages")) {
      for (JsonNode step : stage.get("steps")) {
        assertFalse(step.get("call").asText().equals("mkdir"), step.toString());
      }
    }
    assertEquals(before, HostileRoots.listing(tmp), "plan changed nothing");
  }
}
