package org.autofsrestore.app.dump.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.dump.ArchiveLimits;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.testing.CheckpointArchives;
import org.autofsrestore.app.testing.CheckpointArchives.Engine;
import org.autofsrestore.app.testing.CheckpointArchives.Packing;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint archive, Podman's or CRI-O's, built here from each fixture and compressed each way,
 * reads as the image directory it was made of: the same {@code inspect --json} on every autofs
 * mount and finding, the same plan, plus the container its metadata names.
 */
class CheckpointArchiveTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private static List<String> fixtures() {
    List<String> names = new ArrayList<>(Fixtures.withExpectations());
    names.add("real-indirect");
    return names;
  }

  @TestFactory
  Stream<DynamicTest> aPodmanArchiveOfEachFixtureInspectsAsItsDirectoryCompressedEachWay() {
    return eachFixtureAndPacking(Engine.PODMAN);
  }

  @TestFactory
  Stream<DynamicTest> aCriOArchiveOfEachFixtureInspectsAsItsDirectoryCompressedEachWay() {
    return eachFixtureAndPacking(Engine.CRIO);
  }

  private Stream<DynamicTest> eachFixtureAndPacking(Engine engine) {
    List<DynamicTest> tests = new ArrayList<>();
    for (String fixture : fixtures()) {
      for (Packing packing : Packing.values()) {
        tests.add(
            DynamicTest.dynamicTest(
                fixture + " " + packing, () -> inspectsAsItsDirectory(fixture, engine, packing)));
      }
    }
    assertTrue(tests.size() >= 12 * 4, "fixtures: " + fixtures());
    return tests.stream();
  }

  private void inspectsAsItsDirectory(String fixture, Engine engine, Packing packing)
      throws IOException {
    Path directory = Fixtures.dir(fixture);
    Path archive =
        CheckpointArchives.write(
            directory, engine, packing, temp.resolve(fixture + "-" + engine + "-" + packing));
    CommandRun fromDirectory = CommandRun.of("inspect", "--json", directory.toString());
    CommandRun fromArchive = CommandRun.of("inspect", "--json", archive.toString());
    assertEquals("", fromArchive.err(), "nothing on stderr");
    assertEquals(fromDirectory.status(), fromArchive.status(), "exit status");

    ObjectNode want = (ObjectNode) JSON.readTree(fromDirectory.out());
    ObjectNode got = (ObjectNode) JSON.readTree(fromArchive.out());
    assertTrue(want.get("container").isNull(), "a directory names no container");
    assertEquals(archive.toString(), got.get("image_dir").asText(), "image_dir names the archive");
    assertTrue(want.get("autofs_mounts").size() > 0, fixture + " has autofs mounts");
    assertEquals(want.get("autofs_mounts"), got.get("autofs_mounts"), "every autofs mount");
    assertEquals(want.get("findings"), got.get("findings"), "every finding");

    JsonNode container = got.get("container");
    if (engine == Engine.PODMAN) {
      assertEquals("Podman", container.get("engine").asText());
      assertEquals(CheckpointArchives.PODMAN_NAME, container.get("name").asText());
      assertEquals(CheckpointArchives.PODMAN_ID, container.get("id").asText());
      assertEquals(CheckpointArchives.PODMAN_CHECKPOINTED, container.get("checkpointed").asText());
      assertTrue(container.get("pod").isNull());
    } else {
      assertEquals("CRI-O", container.get("engine").asText());
      assertEquals(CheckpointArchives.CRIO_NAME, container.get("name").asText());
      assertEquals(CheckpointArchives.CRIO_ID, container.get("id").asText());
      assertEquals(CheckpointArchives.CRIO_CHECKPOINTED, container.get("checkpointed").asText());
      assertEquals(CheckpointArchives.CRIO_POD, container.get("pod").asText());
      assertEquals(CheckpointArchives.CRIO_NAMESPACE, container.get("namespace").asText());
    }
  }

  @Test
  void planOnAZstdArchiveIsThePlanOfItsDirectory() throws IOException {
    Path directory = Fixtures.dir("multi");
    Path archive =
        CheckpointArchives.write(directory, Engine.PODMAN, Packing.ZSTD, temp.resolve("ck"));
    CommandRun fromDirectory = CommandRun.of("plan", "--json", directory.toString());
    CommandRun fromArchive = CommandRun.of("plan", "--json", archive.toString());
    assertEquals("", fromArchive.err());
    assertEquals(fromDirectory.status(), fromArchive.status());
    ObjectNode want = (ObjectNode) JSON.readTree(fromDirectory.out());
    ObjectNode got = (ObjectNode) JSON.readTree(fromArchive.out());
    assertEquals(archive.toString(), got.get("image_dir").asText());
    want.remove("image_dir");
    got.remove("image_dir");
    assertTrue(want.get("mounts").size() > 0, "a plan with mounts: " + want);
    assertEquals(want, got);

    CommandRun text = CommandRun.of("plan", archive.toString());
    assertEquals(
        CommandRun.of("plan", directory.toString())
            .out()
            .replace(directory.toString(), archive.toString()),
        text.out());
  }

  @Test
  void theTableHeaderNamesTheContainerAndTheArchive() throws IOException {
    Path archive =
        CheckpointArchives.write(
            Fixtures.dir("real-indirect"), Engine.CRIO, Packing.NONE, temp.resolve("k.tar"));
    CommandRun run = CommandRun.of("inspect", archive.toString());
    String header = run.out().lines().findFirst().orElseThrow();
    assertEquals(
        archive
            + " [CRI-O container counter (id 9e8d7c6b5a4f), pod default/counters, checkpointed "
            + CheckpointArchives.CRIO_CHECKPOINTED
            + "]: ",
        header.substring(0, header.indexOf("]: ") + 3));
  }

  @Test
  void anArchiveKeepsOnlyTheImagesTheLoaderReadsInMemoryWritingNoneToItsPrivateDirectory()
      throws Exception {
    Path directory = Fixtures.dir("real-indirect");
    Path archive =
        CheckpointArchives.write(directory, Engine.PODMAN, Packing.GZIP, temp.resolve("ck"));
    Set<String> expected = imagesTheLoaderReads(directory);
    assertFalse(expected.contains("pages-1.img"));
    Path root;
    try (OpenedDump opened = OpenedDump.open(archive)) {
      root = opened.imageDirectory().getParent();
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
      assertEquals(List.of("checkpoint"), names(root), "only checkpoint/ in the private directory");
      assertEquals(List.of(), names(opened.imageDirectory()), "no image written");
      assertEquals(expected, new TreeSet<>(opened.images().heldNames()), "pages, logs: dropped");
      Inspection fromMemory =
          AutofsAnalysis.inspect(DumpLoader.load(opened.imageDirectory(), opened.images()));
      assertEquals(List.of(), names(opened.imageDirectory()), "reading writes none either");
      assertEquals(
          AutofsAnalysis.inspect(DumpLoader.load(directory)).mounts().size(),
          fromMemory.mounts().size());
      assertEquals("Podman", opened.container().orElseThrow().engine());
    }
    assertFalse(Files.exists(root), root + " removed");
  }

  @Test
  void imagesPastTheMemoryLimitAreWrittenToThePrivateDirectoryAndInspectTheSame() throws Exception {
    Path directory = Fixtures.dir("real-indirect");
    Path archive =
        CheckpointArchives.write(directory, Engine.PODMAN, Packing.ZSTD, temp.resolve("ck"));
    Set<String> expected = imagesTheLoaderReads(directory);
    String limit = ArchiveLimits.PROPERTY_PREFIX + "MAX_HELD_BYTES";
    // Of the images kept, autofs-43.img (25 bytes) fits in 40 and is held; the rest are larger.
    System.setProperty(limit, "40");
    try (OpenedDump opened = OpenedDump.open(archive)) {
      Set<String> onDisk = new TreeSet<>(names(opened.imageDirectory()));
      Set<String> held = new TreeSet<>(opened.images().heldNames());
      assertEquals(Set.of("autofs-43.img"), held, "held within the limit");
      assertTrue(onDisk.size() > held.size(), "most written: " + onDisk);
      Set<String> all = new TreeSet<>(onDisk);
      all.addAll(held);
      assertEquals(expected.size(), onDisk.size() + held.size(), "none both held and written");
      assertEquals(expected, all, "each kept image held or written");
      assertEquals(
          JSON.readTree(CommandRun.of("inspect", "--json", directory.toString()).out())
              .get("autofs_mounts"),
          JSON.readTree(CommandRun.of("inspect", "--json", archive.toString()).out())
              .get("autofs_mounts"));
    } finally {
      System.clearProperty(limit);
    }
  }

  private static Set<String> imagesTheLoaderReads(Path directory) throws IOException {
    Set<String> expected = new TreeSet<>();
    try (Stream<Path> files = Files.list(directory)) {
      files
          .map(f -> f.getFileName().toString())
          .filter(DumpLoader::readsImage)
          .forEach(expected::add);
    }
    return expected;
  }

  @Test
  void aDirectoryNamesNoContainer() throws IOException {
    JsonNode doc =
        JSON.readTree(CommandRun.of("inspect", "--json", Fixtures.dir("multi").toString()).out());
    assertTrue(doc.has("container") && doc.get("container").isNull(), doc.toString());
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
