package org.autofsrestore.app.criulog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code inspect} over the logs real CRIU runs wrote (scripts/testkit/fixtures/criu-logs, made by
 * scripts/capture-criu-logs; its README says how): every autofs line gives a finding that quotes
 * it, on the mount CRIU named, and no other line gives anything.
 */
class CriuLogsCapturedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An Error or Warn line of CRIU's, read here without the code under test. */
  private static final Pattern PROBLEM =
      Pattern.compile("(Error|Warn) +\\(([^():\\s]+):\\d+\\): (.*)$");

  /** What each capture must give: exit status, the patterns in order, the mount they are on. */
  record Expected(String scenario, int status, List<String> patterns, String mount) {
    @Override
    public String toString() {
      return scenario;
    }
  }

  static Stream<Arguments> scenarios() {
    return Stream.of(
            new Expected("dump-ok", 0, List.of(), null),
            new Expected(
                "pipe-not-empty", 1, List.of("pipe-not-empty", "try-again-later"), "/srv/busy"),
            new Expected(
                "master-without-read-end",
                1,
                List.of(
                    "master-without-read-end",
                    "abandoned-or-delegated",
                    "dev-autofs-open-failed",
                    "openmount-failed",
                    "alive-but-unreachable"),
                "/srv/deleg"),
            new Expected(
                "master-not-in-tree",
                1,
                List.of("pgrp-not-in-tree", "mount-without-master"),
                "/srv/outside"),
            new Expected("check", 3, List.of(), null),
            new Expected("check-source-named-autofs", 3, List.of("check-autofs-unsupported"), null))
        .map(Arguments::of);
  }

  @Test
  void everyCapturedScenarioIsTestedHere() throws Exception {
    List<String> folders = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(Fixtures.criuLogs())) {
      dirs.filter(Files::isDirectory)
          .filter(d -> !d.getFileName().toString().equals(CriuLogsShapedTest.FOLDER))
          .filter(d -> !d.getFileName().toString().equals(CriuLogsOfPodmanOnDebian13Test.FOLDER))
          .forEach(d -> folders.add(d.getFileName().toString()));
    }
    List<String> tested = scenarios().map(a -> a.get()[0].toString()).sorted().toList();
    assertEquals(tested, folders.stream().sorted().toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void inspectExplainsEachAutofsLineOfARealLogAndNothingElse(Expected e) throws Exception {
    Path dir = Fixtures.criuLogs().resolve(e.scenario());
    CommandRun run = CommandRun.of("inspect", "--json", dir.toString());
    assertEquals(e.status(), run.status(), run.err());
    JsonNode doc = JSON.readTree(run.out());

    // The autofs lines, as this test reads the logs: Error or Warn, from autofs.c or naming autofs.
    Map<String, String> autofsLines = new TreeMap<>();
    int problemLines = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".log")).toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = PROBLEM.matcher(lines.get(i));
          if (!m.find()) {
            continue;
          }
          problemLines++;
          if (m.group(2).equals("criu/autofs.c")
              || m.group(3).toLowerCase(Locale.ROOT).contains("autofs")) {
            autofsLines.put(f.getFileName() + ":" + (i + 1), m.group(3));
          }
        }
      }
    }
    assertTrue(problemLines > 0, "a real log has Error or Warn lines of its own: " + dir);

    Map<String, String> listed = new TreeMap<>();
    List<String> patterns = new ArrayList<>();
    for (JsonNode entry : doc.get("criu_log")) {
      listed.put(
          entry.get("file").asText() + ":" + entry.get("line").asInt(), entry.get("text").asText());
      patterns.add(entry.get("pattern").asText());
      JsonNode mount = entry.get("mount");
      assertEquals(
          e.mount(), mount.isNull() ? null : mount.get("mountpoint").asText(), entry.toString());
    }
    assertEquals(autofsLines.keySet(), listed.keySet(), "criu_log lists the autofs lines, only");
    assertEquals(e.patterns(), patterns);

    List<String> messages = new ArrayList<>();
    for (JsonNode f : doc.get("findings")) {
      if (f.get("code").asText().startsWith("criu-log-")) {
        messages.add(f.get("message").asText());
        assertEquals(e.mount(), f.get("mountpoint").isNull() ? null : f.get("mountpoint").asText());
        assertTrue(f.get("action").asText().length() > 20, f.toString());
      }
    }
    for (String text : autofsLines.values()) {
      assertTrue(
          messages.stream().anyMatch(m -> m.contains("\"" + text + "\"")),
          "a finding quotes " + text + ": " + messages);
    }
    assertEquals(autofsLines.isEmpty(), messages.isEmpty(), "no finding without an autofs line");
    boolean failed = e.status() == 1 && !autofsLines.isEmpty();
    assertEquals(failed, doc.get("dump_failed").asBoolean());
    assertEquals(e.scenario().equals("dump-ok"), doc.get("images_readable").asBoolean());
  }

  @Test
  void aFailedDumpSaysSoInTextToo() {
    CommandRun run =
        CommandRun.of("inspect", Fixtures.criuLogs().resolve("pipe-not-empty").toString());
    assertEquals(1, run.status(), run.err());
    assertTrue(run.out().contains("criu dump failed, no images"), run.out());
    assertTrue(run.out().contains("dump-failed"), run.out());
    assertTrue(
        run.out().contains("dump.log line 1258: CRIU said \"Process 213 autofs pipe fd 3"),
        run.out());
    assertEquals("", run.err(), "a failed dump is a report, not an error message");
  }
}
