package org.autofsrestore.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.autofsrestore.packaging.ContainerStack.Recorded;
import org.autofsrestore.testkit.AutofsTruth;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Archives Podman 5.4 wrote of a running container whose automount serves an indirect map with a
 * multi-mount entry (its key looked up, so two offsets are mounted) and a direct map
 * (ContainerStack boots Debian 13 with the real stack on 6.12). {@code inspect --json} of each is
 * held against what the kernel and /proc showed before the checkpoint, mount by mount;
 * checkpointctl's view of the same archive goes beside it into target/checkpointctl-comparison.md.
 */
class PodmanCheckpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SHORT = Duration.ofMinutes(3);

  @BeforeAll
  static void needsRootOnX86_64Linux() {
    Prerequisites.requireX86_64Linux();
    Prerequisites.requireRoot();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"checkpoint-zstd.tar.zst", "checkpoint-gzip.tar.gz", "checkpoint-none.tar"})
  void inspectOfAnExportedArchiveAgreesWithTheKernelOnEveryAutofsMount(String archive)
      throws Exception {
    Recorded stack = ContainerStack.recorded();
    Path file = stack.file(archive);
    assertTrue(Files.exists(file), "podman wrote no " + archive + "\n" + stack.log());
    JsonNode inspected = inspect(file);
    assertEquals("amt", inspected.path("container").path("name").asText(), "names the container");
    assertEquals("Podman", inspected.path("container").path("engine").asText());
    agreesWithTheTruth(stack, inspected, archive);
  }

  @Test
  void anArchiveOfACheckpointImageSavedAsOciIsReadLikeAnExport() throws Exception {
    Recorded stack = ContainerStack.recorded();
    Path oci = stack.file("checkpoint-image.oci.tar");
    assertTrue(
        Files.exists(oci), "podman save wrote nothing\n" + stack.read("checkpoint-image.out"));
    agreesWithTheTruth(stack, inspect(oci), "the OCI archive");
  }

  @Test
  void checkpointctlsViewOfTheSameArchiveIsWrittenBesideOurs() throws Exception {
    Recorded stack = ContainerStack.recorded();
    String checkpointctl = stack.read("checkpointctl.json");
    assertEquals(
        "0", stack.fact("checkpointctl-exit").orElse("?"), stack.read("checkpointctl.err"));
    JsonNode peer = JSON.readTree(checkpointctl);
    JsonNode ours = inspect(stack.file("checkpoint-zstd.tar.zst"));
    StringBuilder md = new StringBuilder();
    md.append("# checkpointctl ")
        .append(stack.fact("checkpointctl").orElse("?"))
        .append(" and autofs-restore inspect on the same Podman archive\n\n")
        .append("| mount point | autofs-restore inspect | checkpointctl inspect --all |\n")
        .append("|---|---|---|\n");
    String peerText = checkpointctl;
    Set<String> peerMounts = new TreeSet<>();
    for (JsonNode m : peer.path(0).path("mounts")) {
      peerMounts.add(m.path("destination").asText());
    }
    Map<String, String> peerFds = new TreeMap<>();
    for (JsonNode process : peer.path(0).path("file_descriptors")) {
      for (JsonNode f : process.path("open_files")) {
        peerFds.merge(f.path("path").asText(), f.path("fd").asText(), (a, b) -> a + ", " + b);
      }
    }
    for (JsonNode m : ours.path("autofs_mounts")) {
      String at = m.path("mountpoint").asText();
      md.append("| ")
          .append(at)
          .append(" | ")
          .append(
              String.format(
                  "%s, timeout %d, proto %d-%d, pgrp %d, fd %d, pipe_ino %d, %s, owner %s",
                  m.path("mode").asText(),
                  m.path("timeout").asLong(),
                  m.path("minproto").asInt(),
                  m.path("maxproto").asInt(),
                  m.path("pgrp").asLong(),
                  m.path("fd").asInt(),
                  m.path("pipe_ino").asLong(),
                  m.path("catatonic").asBoolean() ? "catatonic" : "live",
                  m.path("owner").path("comm").asText("none")))
          .append(" | ")
          .append(peerMounts.contains(at) ? "in its mounts" : "not in its mounts")
          .append(peerFds.containsKey(at) ? "; an open file of pid 1: " + peerFds.get(at) : "")
          .append(
              "; the pipe: "
                  + peerFds.getOrDefault("pipe[" + m.path("pipe_ino").asText() + "]", "not shown"))
          .append(" |\n");
    }
    md.append(
            "\ncheckpointctl's own output (`checkpointctl inspect --all --format json`):\n\n```json\n")
        .append(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(peer))
        .append("\n```\n");
    Path target = InstalledRoots.TARGET.resolve("checkpointctl-comparison.md");
    Files.writeString(target, md);
    System.out.println(md);
    assertTrue(ours.path("autofs_mounts").size() >= 4, "ours lists every autofs mount");
    assertFalse(
        peerText.contains("pipe_ino") || peerText.contains("pgrp="),
        "checkpointctl shows none of the autofs state (if it does now, compare it field by field)");
  }

  @Test
  void aCheckpointRefusedWhileTheDirectMountIsInUseIsAFindingThatNamesIt(@TempDir Path tmp)
      throws Exception {
    Recorded stack = ContainerStack.recorded();
    assertEquals("works", stack.verdict("podman-direct-in-use", "/srv/direct/file"), stack.log());
    assertFalse(
        "0".equals(stack.fact("checkpoint-in-use-exit").orElse("?")),
        "CRIU 4.1.1 refuses it: " + stack.read("checkpoint-in-use.out"));
    // What the operator has after such a failure: CRIU's dump.log in the container's work folder.
    Files.copy(stack.file("checkpoint-in-use-dump.log"), tmp.resolve("dump.log"));
    Run run = inspectJson(tmp);
    JsonNode doc = JSON.readTree(run.out());
    assertTrue(doc.path("dump_failed").asBoolean(), run.out() + run.err());
    JsonNode entry = doc.path("criu_log").path(0);
    assertEquals("open-file-on-overmount", entry.path("pattern").asText(), run.out());
    assertTrue(run.out().contains("path=/srv/direct"), "CRIU's line quoted: " + run.out());
  }

  /** Each autofs line of the container's mountinfo before the checkpoint, against inspect's. */
  private static void agreesWithTheTruth(Recorded stack, JsonNode inspected, String what)
      throws Exception {
    AutofsTruth truth =
        AutofsTruth.read(
            stack.read("podman-truth.mountinfo"),
            stack.read("podman-truth-inside.mountinfo"),
            stack.read("podman-truth.automount"));
    assertEquals(
        4, truth.host().size(), "the truth: indirect, direct and two offsets\n" + stack.log());
    truth.assertAgrees(inspected, what);
  }

  private static JsonNode inspect(Path archive) throws Exception {
    Run run = inspectJson(archive);
    assertTrue(run.exit() <= 1, run.describe());
    return JSON.readTree(run.out());
  }

  /** The checkout's {@code inspect --json} of a dump or an archive. */
  private static Run inspectJson(Path dump) throws Exception {
    String jar = InstalledRoots.CHECKOUT_JAR.toString();
    return Run.of(SHORT, "java", "-jar", jar, "inspect", "--json", dump.toString());
  }
}
