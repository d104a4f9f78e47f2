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
 * The restore.log CRIU 4.1.1 wrote when {@code podman container restore --import} of a container
 * whose multi-mount had its two offsets mounted failed on Debian 13 (6.12), beside the images of
 * that checkpoint (scripts/testkit/fixtures/criu-logs/captured-4.1.1): the shaped log of
 * CriuLogsShapedTest, now as CRIU printed it.
 */
class CriuLogsOfPodmanOnDebian13Test {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void podmansFailedRestoreOfAnOffsetIsAFindingOnThatOffsetWithTheRestoreToRun() throws Exception {
    Path dir = Fixtures.criuLogs().resolve("captured-4.1.1/podman-restore-offset-dentry");
    CommandRun run = CommandRun.of("inspect", "--json", dir.toString());
    assertEquals(1, run.status(), run.err()); // an error finding
    JsonNode doc = JSON.readTree(run.out());
    List<String> patterns = new ArrayList<>();
    for (JsonNode e : doc.get("criu_log")) {
      patterns.add(e.get("pattern").asText() + "@" + e.get("mount").get("mountpoint").asText());
    }
    // CRIU named the indirect mount by its dump id, mnt-0000000040: /srv/ind in mountpoints-13.img.
    assertEquals(List.of("dentry-failed@/srv/ind/multi/a"), patterns);
    JsonNode finding = null;
    for (JsonNode f : doc.get("findings")) {
      if (f.get("code").asText().startsWith("criu-log-")) {
        finding = f;
      }
    }
    assertTrue(finding != null, doc.get("findings").toString());
    assertEquals("/srv/ind/multi/a", finding.get("mountpoint").asText());
    assertTrue(finding.get("message").asText().contains("restore.log line 279"), finding + "");
    assertTrue(
        finding.get("action").asText().contains("--mount /srv/ind/multi/a"), finding.toString());
  }
}
