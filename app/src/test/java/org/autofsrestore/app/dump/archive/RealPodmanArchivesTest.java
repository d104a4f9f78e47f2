package org.autofsrestore.app.dump.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.testkit.AutofsTruth;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Archives Podman 5.4.2 (crun 1.21, CRIU 4.1.1) wrote on Debian 13's 6.12 kernel of a container
 * whose automount served an indirect map with a multi-mount entry (two offsets mounted) and a
 * direct map, kept in scripts/testkit/fixtures/podman-5.4.2 with what the kernel and /proc showed
 * just before the checkpoint (its README says how they were made; PodmanCheckpointTest makes them
 * anew in the VM). {@code inspect --json} must agree with that, mount by mount.
 */
class RealPodmanArchivesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DIR = Fixtures.dir("podman-5.4.2");

  @ParameterizedTest
  @ValueSource(strings = {"checkpoint.tar.zst", "checkpoint-image.oci.tar"})
  void inspectAgreesWithTheKernelOnEveryAutofsMountAndNamesTheContainer(String archive)
      throws Exception {
    JsonNode doc = inspect(DIR.resolve(archive), 0, 1);
    assertEquals("amt", doc.path("container").path("name").asText(), doc.path("container") + "");
    assertEquals("Podman", doc.path("container").path("engine").asText());
    AutofsTruth truth =
        AutofsTruth.read(
            read("truth.mountinfo"), read("truth-inside.mountinfo"), read("truth.automount"));
    truth.assertAgrees(doc, archive);
  }

  @Test
  void anOciLayerThatDoesNotMatchItsDigestIsRefusedByName(@TempDir Path tmp) throws Exception {
    byte[] tar = Files.readAllBytes(DIR.resolve("checkpoint-image.oci.tar"));
    int data = dataOf(tar, "blobs/sha256/163c1c66");
    assertEquals(0x1f, tar[data] & 0xff, "the layer is gzip");
    tar[data + 4] ^= 0x55; // gzip's MTIME: the stream still inflates, the bytes differ
    Path damaged = Files.write(tmp.resolve("damaged.oci.tar"), tar);
    CommandRun run = CommandRun.of("inspect", damaged.toString());
    assertEquals(3, run.status(), run.err());
    assertTrue(run.err().contains("blobs/sha256/163c1c66"), run.err());
    assertTrue(run.err().contains("does not match its sha256 digest"), run.err());
  }

  /** The offset of the data of the first tar entry whose name starts with {@code prefix}. */
  private static int dataOf(byte[] tar, String prefix) {
    for (int at = 0; at + 512 <= tar.length; ) {
      String name = new String(tar, at, 100, StandardCharsets.US_ASCII).replace("\0", "");
      long size = Long.parseLong(new String(tar, at + 124, 11, StandardCharsets.US_ASCII), 8);
      if (name.startsWith(prefix)) {
        return at + 512;
      }
      at += 512 + (int) ((size + 511) / 512 * 512);
    }
    throw new AssertionError("no " + prefix + " in the archive");
  }

  private static String read(String name) throws Exception {
    return Files.readString(DIR.resolve(name));
  }

  private static JsonNode inspect(Path archive, int... statuses) throws Exception {
    CommandRun run = CommandRun.of("inspect", archive.toString(), "--json");
    boolean allowed = false;
    for (int s : statuses) {
      allowed |= run.status() == s;
    }
    assertTrue(allowed, run.status() + ": " + run.err());
    return JSON.readTree(run.out());
  }
}
