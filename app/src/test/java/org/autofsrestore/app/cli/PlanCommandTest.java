package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@code plan --json} for every valid fixture, with both owners. */
class PlanCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> planJsonForEveryFixtureAndOwner() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : Fixtures.withExpectations()) {
      if (name.startsWith("broken-")) {
        continue;
      }
      for (String owner : List.of("hold", "handoff")) {
        tests.add(DynamicTest.dynamicTest(name + " " + owner, () -> check(name, owner)));
      }
    }
    return tests.stream();
  }

  private static void check(String name, String owner) throws Exception {
    CommandRun run =
        CommandRun.of(
            "plan",
            Fixtures.dir(name).toString(),
            "--root",
            "/nonexistent-root",
            "--mkdir",
            "--owner",
            owner,
            "--json");
    assertEquals("", run.err());
    JsonNode plan = JSON.readTree(run.out());
    JsonNode expected = JSON.readTree(Fixtures.expectedJson(name).toFile());
    assertEquals(expected.get("autofs_mounts").size(), plan.get("mounts").size());
    for (JsonNode want : expected.get("autofs_mounts")) {
      JsonNode m = null;
      for (JsonNode candidate : plan.get("mounts")) {
        if (candidate.get("mountpoint").asText().equals(want.get("mountpoint").asText())) {
          m = candidate;
        }
      }
      assertTrue(m != null, want.get("mountpoint").asText());
      assertEquals("/nonexistent-root" + want.get("mountpoint").asText(), m.get("target").asText());
      List<String> ownerCalls = new ArrayList<>();
      List<String> fsconfig = new ArrayList<>();
      for (JsonNode stage : m.get("stages")) {
        for (JsonNode step : stage.get("steps")) {
          String call = step.get("call").asText();
          String text = step.get("text").asText();
          if (call.equals("fsconfig")) {
            fsconfig.add(text);
          }
          if (call.equals("settimeout")) {
            assertTrue(text.contains("{" + want.get("timeout").asLong() + "}"), text);
          }
          if (stage.get("stage").asText().equals("owner")) {
            ownerCalls.add(call);
          }
        }
      }
      String options = String.join("\n", fsconfig);
      assertFalse(options.contains("\"timeout\""), options);
      assertFalse(options.contains("\"pipe_ino\""), options);
      assertTrue(
          options.contains("FSCONFIG_SET_STRING, \"fd\", \"<pipe.write>\"")
              && options.contains("FSCONFIG_SET_STRING, \"pgrp\", \"<pgrp>\""),
          options);
      assertTrue(
          options.contains("FSCONFIG_SET_FLAG, \"" + want.get("mode_name").asText() + "\""),
          options);
      assertTrue(options.endsWith("FSCONFIG_CMD_CREATE, NULL, NULL, 0)"), options);
      List<String> held = List.of("close_fd", "close_fd", "close_fd", "close_fd");
      List<String> expectedOwner = new ArrayList<>();
      if (want.get("catatonic").asBoolean() || !owner.equals("hold")) {
        expectedOwner.addAll(List.of("close", "close"));
      } else {
        expectedOwner.add("setpipefd");
      }
      expectedOwner.addAll(held);
      if (!want.get("catatonic").asBoolean()) {
        expectedOwner.add(owner.equals("hold") ? "serve" : "wait_owner");
      }
      assertEquals(expectedOwner, ownerCalls, want.get("mountpoint").asText());
      assertEquals(want.get("catatonic").asBoolean(), m.get("parked_in_dump").asBoolean());
    }
  }

  @Test
  void planNamesAnUnknownMountAsAUsageError() {
    CommandRun run = CommandRun.of("plan", Fixtures.dir("indirect").toString(), "--mount", "/x");
    assertEquals(2, run.status());
    assertTrue(run.err().contains("no autofs mount at /x"), run.err());
  }
}
