package org.autofsrestore.app.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.autofsrestore.app.dump.Dump;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.dump.MountEntry;
import org.autofsrestore.app.synth.DumpBuilder.Damage;
import org.autofsrestore.image.ImageFormatException;
import org.autofsrestore.image.ImageReader;
import org.autofsrestore.image.ImageType;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link DumpBuilder} writes what CRIU writes: {@code crit show} (CRIU's own decoder, from the
 * Debian package criu) decodes every file it writes, field by field as the fixtures' crit JSON
 * shows them, and {@code crit x DIR ps} walks its process tree.
 */
class DumpBuilderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CRIT = Path.of("/usr/bin/crit");

  @TempDir Path tmp;

  /** The multi fixture's shape: an automount with three mounts, a catatonic one, a tmpfs. */
  private Path sample() throws IOException {
    return new DumpBuilder()
        .process(1, "ctinit")
        .process(32, 1, 32, 32, "automountd")
        .process(33, 32, 32, 32, "automountd")
        .pipe(32, 3, 5, 28133)
        .pipeReadEnd(32, 6, 28135)
        .regularFile(32, 7, "/etc/auto.master")
        .plainMount("/srv")
        .autofsMount(
            "/srv/auto-f1",
            a -> a.indirect().owner(32, 5, 28133).optionsPgrp(12632).source("/etc/auto.f1"))
        .autofsMount(
            "/srv/direct-f2",
            a ->
                a.direct()
                    .owner(32, 7, 28135)
                    .readFd(6)
                    .optionsPgrp(12632)
                    .timeout(600)
                    .uid(1000)
                    .gid(1000))
        .autofsMount("/srv/cata-f4", a -> a.direct().catatonic(13516).timeout(120))
        .plainMount("/srv/auto-f1/foo")
        .write(tmp.resolve("sample"));
  }

  private static void assumeCrit() {
    Prerequisites.requireCrit();
  }

  private static String run(Path dir, String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "crit finished");
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + text);
    return text;
  }

  static JsonNode critShow(Path file) throws IOException, InterruptedException {
    return JSON.readTree(run(file.getParent(), CRIT.toString(), "show", file.toString()));
  }

  @Test
  void critShowDecodesEveryFileWithTheValuesThatWereBuilt() throws Exception {
    assumeCrit();
    Path dir = sample();
    Map<String, JsonNode> shown = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        shown.put(f.getFileName().toString(), critShow(f));
      }
    }
    assertEquals(
        List.of(
            "autofs-41.img",
            "autofs-42.img",
            "autofs-43.img",
            "core-1.img",
            "core-32.img",
            "core-33.img",
            "fdinfo-2.img",
            "fdinfo-3.img",
            "fdinfo-4.img",
            "files.img",
            "ids-1.img",
            "ids-32.img",
            "ids-33.img",
            "inventory.img",
            "mountpoints-10.img",
            "pipes-data.img",
            "pstree.img"),
        List.copyOf(shown.keySet()));

    JsonNode inventory = shown.get("inventory.img");
    assertEquals("INVENTORY", inventory.get("magic").asText());
    JsonNode inv = inventory.get("entries").get(0);
    assertEquals(2, inv.get("img_version").asInt());
    assertTrue(inv.get("fdinfo_per_id").asBoolean());
    assertTrue(inv.get("ns_per_id").asBoolean());
    assertEquals("NO_LSM", inv.get("lsmtype").asText());

    JsonNode pstree = shown.get("pstree.img").get("entries");
    assertEquals(3, pstree.size());
    assertEquals(
        "{\"pid\":33,\"ppid\":32,\"pgid\":32,\"sid\":32,\"threads\":[33]}",
        pstree.get(2).toString());

    JsonNode core = shown.get("core-32.img").get("entries").get(0);
    assertEquals("X86_64", core.get("mtype").asText());
    assertEquals("automountd", core.get("tc").get("comm").asText());
    assertEquals("Alive", core.get("tc").get("task_state").asText());

    JsonNode ids = shown.get("ids-32.img").get("entries").get(0);
    assertEquals(3, ids.get("files_id").asInt());
    assertEquals(10, ids.get("mnt_ns_id").asInt());

    List<String> fds = new ArrayList<>();
    shown
        .get("fdinfo-3.img")
        .get("entries")
        .forEach(e -> fds.add(e.get("fd").asInt() + ":" + e.get("type").asText()));
    assertEquals(List.of("0:REG", "1:REG", "2:REG", "3:PIPE", "5:PIPE", "6:PIPE", "7:REG"), fds);

    JsonNode files = shown.get("files.img").get("entries");
    JsonNode writeEnd = files.get(3);
    assertEquals("PIPE", writeEnd.get("type").asText());
    assertEquals(28133, writeEnd.get("pipe").get("pipe_id").asInt());
    assertEquals("0x1", writeEnd.get("pipe").get("flags").asText());
    assertEquals("0x0", files.get(2).get("pipe").get("flags").asText());
    assertEquals("/dev/null", files.get(0).get("reg").get("name").asText());
    assertEquals("/etc/auto.master", files.get(5).get("reg").get("name").asText());

    JsonNode mounts = shown.get("mountpoints-10.img").get("entries");
    assertEquals(6, mounts.size());
    JsonNode root = mounts.get(0);
    assertEquals("254:0", root.get("root_dev").asText());
    assertEquals("/", root.get("mountpoint").asText());
    JsonNode f1 = mounts.get(2);
    assertEquals(18, f1.get("fstype").asInt());
    assertEquals("0:41", f1.get("root_dev").asText());
    assertEquals(mounts.get(1).get("mnt_id"), f1.get("parent_mnt_id"), "below /srv");
    assertEquals(
        "fd=5,pgrp=12632,timeout=300,minproto=5,maxproto=5,indirect,pipe_ino=28133",
        f1.get("options").asText());
    assertEquals("0x200000", f1.get("flags").asText());
    assertEquals(
        "fd=7,uid=1000,gid=1000,pgrp=12632,timeout=600,minproto=5,maxproto=5,direct,pipe_ino=28135",
        mounts.get(3).get("options").asText());
    assertEquals(
        "fd=-1,pgrp=13516,timeout=120,minproto=5,maxproto=5,direct,pipe_ino=-1",
        mounts.get(4).get("options").asText());
    assertEquals(f1.get("mnt_id"), mounts.get(5).get("parent_mnt_id"), "foo below auto-f1");

    assertEquals(
        "{\"fd\":5,\"pgrp\":32,\"timeout\":300,\"minproto\":5,\"maxproto\":5,\"mode\":1}",
        shown.get("autofs-41.img").get("entries").get(0).toString());
    assertEquals(
        "{\"fd\":7,\"pgrp\":32,\"timeout\":600,\"minproto\":5,\"maxproto\":5,\"mode\":0,"
            + "\"uid\":1000,\"gid\":1000,\"read_fd\":6}",
        shown.get("autofs-42.img").get("entries").get(0).toString());
    assertEquals(
        "{\"fd\":-1,\"pgrp\":13516,\"timeout\":120,\"minproto\":5,\"maxproto\":5,\"mode\":0}",
        shown.get("autofs-43.img").get("entries").get(0).toString());

    JsonNode pipes = shown.get("pipes-data.img");
    assertEquals("PIPES_DATA", pipes.get("magic").asText());
    assertEquals(2, pipes.get("entries").size());
    assertEquals(28135, pipes.get("entries").get(1).get("pipe_id").asInt());
  }

  @Test
  void critExploresTheProcessTreeWithTheCommOfEachTask() throws Exception {
    assumeCrit();
    Path dir = sample();
    String ps = run(dir, CRIT.toString(), "x", dir.toString(), "ps");
    List<String> lines = ps.strip().lines().map(String::strip).toList();
    assertEquals(
        List.of(
            "PID   PGID    SID   COMM",
            "1      1      1   ctinit",
            "32     32     32       automountd",
            "33     32     32           automountd"),
        lines);
  }

  @Test
  void theDumpLoaderReadsTheMountTreeAsBuilt() throws Exception {
    Dump dump = DumpLoader.load(sample());
    assertEquals(2, dump.imageVersion());
    assertEquals(List.of(1, 32, 33), dump.processes().keySet().stream().sorted().toList());
    List<String> autofs = dump.autofsMounts().stream().map(MountEntry::mountpoint).toList();
    assertEquals(List.of("/srv/auto-f1", "/srv/direct-f2", "/srv/cata-f4"), autofs);
    MountEntry f1 = dump.autofsMounts().get(0);
    assertEquals(41, f1.superblockDevice());
    assertEquals("0:41", f1.rootDev().toString());
    assertEquals(5, dump.autofsImage(41).value().orElseThrow().fd());
    assertEquals("automountd", dump.comm(32).orElseThrow());
    assertEquals(3, dump.filesId(32).value().orElseThrow());
  }

  @ParameterizedTest
  @CsvSource({
    "BAD_MAGIC, BAD_MAGIC",
    "TRUNCATED, TRUNCATED",
    "HEADER_ONLY, EMPTY",
    "UNDECODABLE_RECORD, UNDECODABLE",
    "OVERSIZED_LENGTH, TOO_LARGE"
  })
  void eachDamageIsReadBackAsTheFormatErrorItPlants(Damage damage, ImageFormatException.Kind kind)
      throws Exception {
    Path dir =
        new DumpBuilder()
            .process(1, "init")
            .pipe(1, 3, 5, 7)
            .autofsMount("/a", a -> a.owner(1, 5, 7).superblock(60))
            .damage("autofs-60.img", damage)
            .damage("mountpoints-10.img", damage)
            .write(tmp.resolve(damage.name()));
    for (String name : List.of("autofs-60.img", "mountpoints-10.img")) {
      Path file = dir.resolve(name);
      ImageType<?> type = name.startsWith("autofs") ? ImageType.AUTOFS : ImageType.MNTS;
      ImageFormatException e =
          assertThrows(
              ImageFormatException.class,
              () -> {
                if (kind == ImageFormatException.Kind.EMPTY) {
                  ImageReader.readOne(file, type);
                } else {
                  ImageReader.readAll(file, type); // a cut record is the last one
                }
              });
      assertEquals(kind, e.kind(), name + ": " + e.getMessage());
    }
  }

  @Test
  void omittedFilesAreNotWritten() throws Exception {
    Path dir =
        new DumpBuilder()
            .process(1, "init")
            .pipe(1, 3, 5, 7)
            .autofsMount("/a", a -> a.owner(1, 5, 7).superblock(60))
            .omit("core-1.img")
            .omit("pipes-data.img")
            .autofsMount("/b", a -> a.owner(1, 5, 7).superblock(61).noImage())
            .write(tmp.resolve("omit"));
    assertFalse(Files.exists(dir.resolve("core-1.img")));
    assertFalse(Files.exists(dir.resolve("pipes-data.img")));
    assertFalse(Files.exists(dir.resolve("autofs-61.img")));
    assertTrue(Files.exists(dir.resolve("autofs-60.img")));
    assertTrue(Files.exists(dir.resolve("ids-1.img")));
  }

  @Test
  void anAutofsMountMustSayWhetherItIsOwnedOrCatatonic() {
    DumpBuilder b = new DumpBuilder();
    assertThrows(IllegalStateException.class, () -> b.autofsMount("/a", a -> a.direct()));
    assertThrows(IllegalArgumentException.class, () -> b.pipe(99, 3, 4, 1));
  }
}
