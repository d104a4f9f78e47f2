package org.autofsrestore.app.criulog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * {@code inspect} over the logs in scripts/testkit/fixtures/criu-logs/shaped-4.1.1: lines written
 * from CRIU 4.1.1's format strings (not captured; its README says how each was made), for the two
 * failures of CRIU's own that the real Debian 13 stack showed: a dump refused for automount's fd on
 * a direct trigger that is in use, and a restore that could not make an offset's directory.
 */
class CriuLogsShapedTest {
  static final String FOLDER = "shaped-4.1.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path shaped(String scenario) {
    return Fixtures.criuLogs().resolve(FOLDER).resolve(scenario);
  }

  private static JsonNode inspect(Path dir, int status) throws Exception {
    CommandRun run = CommandRun.of("inspect", "--json", dir.toString());
    assertEquals(status, run.status(), run.err());
    return JSON.readTree(run.out());
  }

  private static List<JsonNode> criuFindings(JsonNode doc) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode f : doc.get("findings")) {
      if (f.get("code").asText().startsWith("criu-log-")) {
        out.add(f);
      }
    }
    return out;
  }

  @Test
  void aDumpRefusedForAutomountsFdOnADirectTriggerInUseIsAFindingOnThatMount() throws Exception {
    JsonNode doc = inspect(shaped("dump-overmounted-direct"), 1);
    assertTrue(doc.get("dump_failed").asBoolean(), doc.toString());
    assertEquals(1, doc.get("criu_log").size(), doc.get("criu_log").toString());
    JsonNode entry = doc.get("criu_log").get(0);
    assertEquals("open-file-on-overmount", entry.get("pattern").asText());
    assertEquals("/srv/direct", entry.get("mount").get("mountpoint").asText());
    assertEquals(17, entry.get("line").asInt());
    List<JsonNode> findings = criuFindings(doc);
    assertEquals(1, findings.size(), findings.toString());
    JsonNode f = findings.get(0);
    assertEquals("/srv/direct", f.get("mountpoint").asText());
    assertEquals("error", f.get("severity").asText());
    assertTrue(f.get("message").asText().contains("mount=41 fd=12 path=/srv/direct"), f.toString());
    assertTrue(f.get("action").asText().contains("SIGUSR1"), f.toString());
  }

  @Test
  void aRestoreThatCouldNotMakeAnOffsetsDirectoryIsAFindingOnTheOffsetWithTheRestoreToRun()
      throws Exception {
    Path dir = shaped("restore-offset-dentry");
    JsonNode doc = inspect(dir, 1); // an error finding: exit status 1
    List<String> patterns = new ArrayList<>();
    for (JsonNode e : doc.get("criu_log")) {
      patterns.add(e.get("pattern").asText() + "@" + e.get("mount").get("mountpoint").asText());
    }
    // mnt-0000000040 is /srv/ind (mnt_id 40 in mountpoints-10.img); multi/a below it is the
    // offset /srv/ind/multi/a (mnt_id 42).
    assertEquals(List.of("dentry-failed@/srv/ind/multi/a"), patterns);
    List<JsonNode> findings = criuFindings(doc);
    assertEquals(1, findings.size(), findings.toString());
    JsonNode f = findings.get(0);
    assertEquals("/srv/ind/multi/a", f.get("mountpoint").asText());
    assertTrue(
        f.get("action")
            .asText()
            .contains("autofs-restore restore " + dir + " --root ROOT --mount /srv/ind/multi/a"),
        f.toString());
  }
}
