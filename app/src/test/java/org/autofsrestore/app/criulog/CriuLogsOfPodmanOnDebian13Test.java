package org.autofsrestore.app.criulog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The logs CRIU 4.1.1 wrote under Podman 5.4.2 on Debian 13 (6.12), kept in
 * scripts/testkit/fixtures/criu-logs/captured-4.1.1 by PodmanCheckpointTest's guest: the dump.log
 * of a checkpoint refused while the direct mount was in use, and the restore.log of {@code podman
 * container restore --import} of a container whose multi-mount had its two offsets mounted, beside
 * the images of that checkpoint. The shaped logs of CriuLogsShapedTest, as CRIU printed them.
 */
class CriuLogsOfPodmanOnDebian13Test {
  static final String FOLDER = "captured-4.1.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyCapturedScenarioIsTestedHere() throws Exception {
    try (Stream<Path> dirs = Files.list(Fixtures.criuLogs().resolve(FOLDER))) {
      assertEquals(
          List.of("podman-dump-overmounted-direct", "podman-restore-offset-dentry"),
          dirs.map(d -> d.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void podmansCheckpointRefusedWhileTheDirectMountIsInUseIsAFindingOnThatMount() throws Exception {
    Path dir = Fixtures.criuLogs().resolve(FOLDER + "/podman-dump-overmounted-direct");
    CommandRun run = CommandRun.of("inspect", "--json", dir.toString());
    assertEquals(1, run.status(), run.err());
    JsonNode doc = JSON.readTree(run.out());
    assertTrue(doc.get("dump_failed").asBoolean(), run.out());
    assertEquals(1, doc.get("criu_log").size(), doc.get("criu_log").toString());
    JsonNode entry = doc.get("criu_log").get(0);
    assertEquals("open-file-on-overmount", entry.get("pattern").asText());
    // A failed dump writes no images: the mount is found by the path CRIU printed.
    assertEquals("/srv/direct", entry.get("mount").get("mountpoint").asText());
    assertEquals(746, entry.get("line").asInt());
  }

  @Test
  void podmansFailedRestoreOfAnOffsetIsAFindingOnThatOffsetWithTheRestoreToRun() throws Exception {
    Path dir = Fixtures.criuLogs().resolve(FOLDER + "/podman-restore-offset-dentry");
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
