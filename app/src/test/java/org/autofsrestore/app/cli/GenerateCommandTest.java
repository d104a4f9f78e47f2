package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.autofsrestore.app.testing.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hidden {@code generate} command, read back by {@code inspect --json}. */
class GenerateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void aGeneratedThousandMountDumpInspectsAsFiftyAutofsMountsWithOwnersAndNoError()
      throws Exception {
    Path dir = tmp.resolve("d1000");
    CommandRun gen = CommandRun.of("generate", "--mounts", "1000", dir.toString());
    assertEquals(0, gen.status(), gen.err());
    assertTrue(gen.out().contains("1000 mounts (50 autofs"), gen.out());
    assertTrue(gen.out().contains("500 processes"), gen.out());

    CommandRun run = CommandRun.of("inspect", "--json", dir.toString());
    assertEquals("", run.err());
    assertEquals(0, run.status(), "no error finding");
    JsonNode doc = JSON.readTree(run.out());
    JsonNode mounts = doc.get("autofs_mounts");
    assertEquals(50, mounts.size());
    int live = 0;
    for (JsonNode m : mounts) {
      JsonNode owner = m.get("owner");
      if (m.get("catatonic").asBoolean()) {
        assertTrue(owner.isNull(), m.toString());
        assertEquals(-1, m.get("fd").asInt());
        assertEquals(-1, m.get("pipe_ino").asLong());
        continue;
      }
      live++;
      assertFalse(owner.isNull(), m.get("mountpoint") + " has an owner");
      assertEquals(m.get("pgrp").asInt(), owner.get("pid").asInt());
      assertEquals("automount", owner.get("comm").asText());
      assertEquals("autofs-image", owner.get("resolved_by").asText());
      JsonNode via = m.get("read_fd").isNull() ? m.get("fd") : m.get("read_fd");
      assertEquals(via, owner.get("pipe_fd"));
      assertFalse(owner.get("read_end_fd").isNull());
    }
    assertTrue(live >= 40, live + " live mounts");
    for (JsonNode f : doc.get("findings")) {
      assertFalse(f.get("severity").asText().equals("error"), f.toString());
    }
  }

  @Test
  void plantedDefectsAreTheOnlyErrorsThatInspectFinds() throws Exception {
    Path dir = tmp.resolve("defects");
    CommandRun gen =
        CommandRun.of(
            "generate",
            "--mounts",
            "1000",
            "--defect-every",
            "3",
            "--processes",
            "300",
            dir.toString());
    assertEquals(0, gen.status(), gen.err());
    Set<String> planted =
        gen.out()
            .lines()
            .filter(l -> l.startsWith("planted "))
            .map(l -> l.substring("planted ".length()))
            .collect(Collectors.toSet());
    assertTrue(planted.size() >= 12, gen.out());

    CommandRun run = CommandRun.of("inspect", "--json", dir.toString());
    assertEquals(1, run.status(), "error findings");
    JsonNode doc = JSON.readTree(run.out());
    assertEquals(50, doc.get("autofs_mounts").size());
    Set<String> errors = new HashSet<>();
    for (JsonNode f : doc.get("findings")) {
      if (f.get("severity").asText().equals("error")) {
        errors.add(f.get("code").asText() + " " + f.get("mountpoint").asText());
      }
    }
    assertEquals(planted, errors);
    assertEquals(
        Set.of(
            "autofs-image-missing",
            "autofs-image-damaged",
            "owner-not-in-dump",
            "pipe-inode-mismatch",
            "pipe-fd-not-pipe",
            "pipe-fd-missing"),
        planted.stream().map(p -> p.split(" ")[0]).collect(Collectors.toSet()));
    for (JsonNode m : doc.get("autofs_mounts")) {
      List<String> codes = m.get("findings").findValuesAsText("code");
      if (codes.contains("autofs-image-missing") || codes.contains("autofs-image-damaged")) {
        assertEquals("pipe-ino-scan", m.get("owner").get("resolved_by").asText(), m.toString());
      }
    }
  }

  @Test
  void generateIsHiddenFromTheHelpAndNeedsMounts() {
    CommandRun help = CommandRun.of("--help");
    assertTrue(help.out().contains("inspect"), help.out());
    assertFalse(help.out().contains("generate"), help.out());
    assertEquals(2, CommandRun.of("generate", tmp.toString()).status());
    assertEquals(2, CommandRun.of("generate", "--mounts", "0", tmp.toString()).status());
  }
}
