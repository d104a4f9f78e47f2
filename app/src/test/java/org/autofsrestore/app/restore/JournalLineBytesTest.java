package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autofsrestore.kernel.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact bytes of a journal's lines: journals written by earlier versions are read back by
 * resume, undo and the UI, so a line's spelling (field order, escapes, numbers, null, booleans, one
 * line per event) is part of the format. Only the clock's values (time, ms) are masked.
 */
class JournalLineBytesTest {
  @TempDir Path dir;

  private static final Step MOUNT = Step.of(Step.Call.MOUNT, new Arg.Known("/srv/auto"));
  private static final Step MKDIR =
      Step.of(Step.Call.MKDIRAT, new Arg.Known(3), new Arg.Known("auto"), new Arg.Known(0755));

  @Test
  void everyEventIsOneLineSpelledExactlyAsEarlierVersionsWroteIt() throws IOException {
    Path file = dir.resolve("run.jsonl");
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("dump", "/d/\"q\"\\\u0001\u007f\u00e9\u2028\ud83d\ude00\udc00");
    run.put("mounts", 3);
    run.put("sandbox", false);
    run.put("wait", null);
    run.put("big", 1L << 40);
    try (Journal journal = Journal.create(file, run)) {
      Map<String, String> targets = new LinkedHashMap<>();
      targets.put("/srv/auto", "/r/srv/auto");
      targets.put("/srv/\"quoted\"\tname\n\r", "/r/srv/q");
      journal.intend(targets, Map.of("/srv/auto", List.of("/r/srv", "/r/srv/auto")));
      long n = journal.begin("/srv/auto", "/r/srv/auto", MKDIR, "mkdirat(3, \"auto\")");
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("created", "/r/srv/auto");
      details.put("ok", true);
      details.put("ratio", 1.5);
      details.put("fd", 7);
      details.put("devid", 42L);
      details.put("none", null);
      details.put("errno", Errno.EBUSY);
      journal.end(n, MKDIR, details);
      long m = journal.begin("/srv/auto", "/r/srv/auto", MOUNT, "mount(\"/srv/auto\")");
      journal.fail(m, MOUNT, "EBUSY", "parked\u0000");
      journal.undone("/srv/auto", List.of("parked", "unmounted"));
      journal.finish("stopped");
    }
    try (Journal journal = Journal.resume(file, 9, 4242)) {
      journal.finish("done");
    }
    String masked =
        Files.readString(file, StandardCharsets.UTF_8)
            .replaceAll("\"time\":\"[^\"]+\"", "\"time\":T")
            .replaceAll("\"ms\":[0-9]+", "\"ms\":M");
    assertEquals(
        String.join(
            "\n",
            "{\"event\":\"start\",\"seq\":1,\"time\":T,\"dump\":\"/d/\\\"q\\\"\\\\\\u0001\\u007f"
                + "\\u00e9\\u2028\\ud83d\\ude00\\udc00\",\"mounts\":3,\"sandbox\":false,"
                + "\"wait\":null,\"big\":1099511627776}",
            "{\"event\":\"intent\",\"seq\":2,\"mountpoint\":\"/srv/auto\",\"time\":T,"
                + "\"target\":\"/r/srv/auto\",\"mkdirs\":\"/r/srv\\u0000/r/srv/auto\"}",
            "{\"event\":\"intent\",\"seq\":3,\"mountpoint\":\"/srv/\\\"quoted\\\"\\tname\\n\\r\","
                + "\"time\":T,\"target\":\"/r/srv/q\"}",
            "{\"event\":\"begin\",\"seq\":4,\"mountpoint\":\"/srv/auto\",\"ms\":M,"
                + "\"call\":\"mkdirat\",\"text\":\"mkdirat(3, \\\"auto\\\")\"}",
            "{\"event\":\"end\",\"seq\":4,\"ms\":M,\"call\":\"mkdirat\",\"created\":\"/r/srv/auto\","
                + "\"ok\":true,\"ratio\":1.5,\"fd\":7,\"devid\":42,\"none\":null,\"errno\":\"EBUSY\"}",
            "{\"event\":\"begin\",\"seq\":5,\"mountpoint\":\"/srv/auto\",\"ms\":M,\"call\":\"mount\","
                + "\"target\":\"/r/srv/auto\",\"text\":\"mount(\\\"/srv/auto\\\")\"}",
            "{\"event\":\"fail\",\"seq\":5,\"ms\":M,\"call\":\"mount\",\"errno\":\"EBUSY\","
                + "\"recovery\":\"parked\\u0000\"}",
            "{\"event\":\"undone\",\"seq\":6,\"mountpoint\":\"/srv/auto\",\"time\":T,"
                + "\"done\":\"parked; unmounted\"}",
            "{\"event\":\"finish\",\"seq\":7,\"time\":T,\"how\":\"stopped\"}",
            "{\"event\":\"resume\",\"seq\":10,\"time\":T,\"pgrp\":4242}",
            "{\"event\":\"finish\",\"seq\":11,\"time\":T,\"how\":\"done\"}",
            ""),
        masked);
  }

  @Test
  void aTornLastLineIsEndedBeforeTheNextLineIsAppended() throws IOException {
    Path file = dir.resolve("torn.jsonl");
    try (Journal journal = Journal.create(file)) {
      journal.finish("stopped");
    }
    Files.writeString(file, "{\"event\":\"intent\",\"se", java.nio.file.StandardOpenOption.APPEND);
    try (Journal journal = Journal.append(file)) {
      journal.finish("undone");
    }
    assertEquals(
        List.of(
            "{\"event\":\"start\",\"seq\":1,\"time\":T}",
            "{\"event\":\"finish\",\"seq\":2,\"time\":T,\"how\":\"stopped\"}",
            "{\"event\":\"intent\",\"se",
            "{\"event\":\"finish\",\"seq\":1,\"time\":T,\"how\":\"undone\"}"),
        Files.readAllLines(file).stream()
            .map(l -> l.replaceAll("\"time\":\"[^\"]+\"", "\"time\":T"))
            .toList());
  }
}
