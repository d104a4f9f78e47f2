package org.autofsrestore.app.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.AutofsMount;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.autofs.Owner;
import org.autofsrestore.app.autofs.Severity;
import org.autofsrestore.app.dump.Dump;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.dump.MountEntry;
import org.autofsrestore.app.dump.ProcessEntry;
import org.autofsrestore.image.ImageReader;
import org.autofsrestore.image.ImageType;
import org.autofsrestore.proto.FileEntry;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SyntheticDump}: the promised shape, the same bytes for the same options, CRIU's format.
 */
class SyntheticDumpTest {
  @TempDir Path tmp;

  /** 4,000 mounts (200 autofs) and 400 tasks, shared by the tests that only read it. */
  @TempDir static Path shared;

  private static SyntheticDump.Summary sharedSummary;

  @BeforeAll
  static void writeTheSharedDump() throws IOException {
    sharedSummary = SyntheticDump.write(shared, SyntheticDump.Options.of(4000).withProcesses(400));
  }

  @Test
  void aThousandMountsGiveFiftyAutofsMountsAndFiveHundredTasksWithAllTheirImages()
      throws Exception {
    SyntheticDump.Summary s = SyntheticDump.write(tmp, SyntheticDump.Options.of(1000));
    assertEquals(50, s.autofsMounts());
    assertEquals(500, s.processes());
    Dump dump = DumpLoader.load(tmp);
    assertEquals(1000, dump.mounts().size());
    assertEquals(50, dump.autofsMounts().size());
    assertEquals(500, dump.processes().size());
    for (ProcessEntry p : dump.processes().values()) {
      assertTrue(dump.comm(p.pid()).isPresent(), "core-" + p.pid());
      int filesId = dump.filesId(p.pid()).value().orElseThrow();
      assertTrue(dump.fdTable(filesId).value().orElseThrow().size() >= 4, "fdinfo-" + filesId);
    }
  }

  @Test
  void mountsFormNestedTreesBelowOneRootWithAutofsMountsAsLeaves() throws Exception {
    Dump dump = DumpLoader.load(shared);
    Map<Integer, MountEntry> byId = new HashMap<>();
    dump.mounts().forEach(m -> byId.put(m.mntId(), m));
    int roots = 0;
    int maxDepth = 0;
    Set<Integer> parents = new HashSet<>();
    for (MountEntry m : dump.mounts()) {
      MountEntry parent = byId.get(m.parentMntId());
      if (parent == null) {
        roots++;
        assertEquals("/", m.mountpoint());
        continue;
      }
      parents.add(parent.mntId());
      assertTrue(
          m.mountpoint()
              .startsWith(parent.mountpoint().equals("/") ? "/" : parent.mountpoint() + "/"),
          m.mountpoint() + " below " + parent.mountpoint());
      int depth = 0;
      for (MountEntry p = m; byId.containsKey(p.parentMntId()); p = byId.get(p.parentMntId())) {
        depth++;
      }
      maxDepth = Math.max(maxDepth, depth);
    }
    assertEquals(1, roots);
    assertTrue(maxDepth >= 5 && maxDepth <= 9, "depth " + maxDepth);
    for (MountEntry m : dump.autofsMounts()) {
      assertFalse(parents.contains(m.mntId()), "autofs mounts are leaves: " + m.mountpoint());
    }
  }

  @Test
  void everyModeCatatonicAndClosedWriteEndsOccurAndEveryLiveMountHasItsOwner() throws Exception {
    SyntheticDump.Summary s = sharedSummary;
    Inspection inspection = AutofsAnalysis.inspect(DumpLoader.load(shared));
    assertEquals(200, inspection.mounts().size());
    Map<String, Integer> kinds = new HashMap<>();
    for (AutofsMount m : inspection.mounts()) {
      kinds.merge(m.mode().orElseThrow().option(), 1, Integer::sum);
      if (m.catatonic()) {
        kinds.merge("catatonic", 1, Integer::sum);
        assertTrue(m.owner().isEmpty());
        continue;
      }
      Owner o = m.owner().orElseThrow(() -> new AssertionError("owner of " + m.mountpoint()));
      assertEquals(m.pgrp(), o.pid(), "autofs-N.img pgrp is the owner's pid");
      assertEquals(o.pid(), o.pgid(), "owners lead their process group");
      assertEquals(SyntheticDump.OUTSIDE_PID_OFFSET + o.pid(), m.optionsPgrp());
      assertEquals("automount", o.comm());
      assertEquals(Owner.RESOLVED_BY_IMAGE, o.resolvedBy());
      assertTrue(m.pipeIno() >= SyntheticDump.PIPE_INO_BASE, "pipe_ino " + m.pipeIno());
      if (m.readFd() != null) {
        kinds.merge("read_fd", 1, Integer::sum);
        assertEquals(m.readFd(), o.pipeFd());
        assertFalse(o.writeEndOpen());
      } else {
        assertEquals(m.fd(), o.pipeFd());
        assertEquals(m.fd() - 1, o.readEndFd());
      }
    }
    for (String kind : List.of("direct", "indirect", "offset", "catatonic", "read_fd")) {
      assertTrue(kinds.getOrDefault(kind, 0) > 0, kind + " in " + kinds);
    }
    assertEquals(s.catatonicMounts(), kinds.get("catatonic"));
    assertFalse(inspection.hasErrors(), inspection.allFindings().toString());
  }

  @Test
  void pipeInodesAreUniqueOnePipeAMountWithOneReadAndAtMostOneWriteEnd() throws Exception {
    Map<Long, int[]> ends = new HashMap<>();
    for (FileEntry f : ImageReader.readAll(shared.resolve("files.img"), ImageType.FILES)) {
      if (f.hasPipe()) {
        int[] count = ends.computeIfAbsent((long) f.getPipe().getPipeId(), k -> new int[2]);
        count[f.getPipe().getFlags()]++;
      }
    }
    assertTrue(ends.size() > 150, ends.size() + " pipes");
    for (Map.Entry<Long, int[]> e : ends.entrySet()) {
      assertEquals(1, e.getValue()[0], "read ends of pipe " + e.getKey());
      assertTrue(e.getValue()[1] <= 1, "write ends of pipe " + e.getKey());
    }
  }

  @Test
  void theSameOptionsWriteTheSameBytesAndAnotherSeedOtherBytes() throws Exception {
    SyntheticDump.Options options = SyntheticDump.Options.of(600).withDefectEvery(4);
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    SyntheticDump.write(a, options);
    SyntheticDump.write(b, options);
    List<String> names = names(a);
    assertEquals(names, names(b));
    for (String name : names) {
      assertArrayEquals(
          Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
    }
    Path c = tmp.resolve("c");
    SyntheticDump.write(c, options.withSeed(42));
    assertFalse(
        java.util.Arrays.equals(
            Files.readAllBytes(a.resolve("mountpoints-10.img")),
            Files.readAllBytes(c.resolve("mountpoints-10.img"))));
  }

  @Test
  void everyPlantedDefectGivesItsErrorOnItsMountAndNoOtherErrorIsFound() throws Exception {
    SyntheticDump.Summary s =
        SyntheticDump.write(
            tmp, SyntheticDump.Options.of(3000).withProcesses(300).withDefectEvery(4));
    assertTrue(s.planted().size() >= 30, s.planted().toString());
    Set<FindingCode> plantedCodes = new HashSet<>();
    s.planted().forEach(p -> plantedCodes.add(p.code()));
    assertEquals(6, plantedCodes.size(), "all six kinds: " + plantedCodes);
    Inspection inspection = AutofsAnalysis.inspect(DumpLoader.load(tmp));
    Set<SyntheticDump.Planted> errors = new HashSet<>();
    inspection.allFindings().stream()
        .filter(f -> f.severity() == Severity.ERROR)
        .forEach(f -> errors.add(new SyntheticDump.Planted(f.mountpoint(), f.code())));
    assertEquals(Set.copyOf(s.planted()), errors);
  }

  @Test
  void autofsEveryOneMakesEveryMountButTheRootAnAutofsMountWithItsOwner() throws Exception {
    SyntheticDump.Summary s =
        SyntheticDump.write(tmp, SyntheticDump.Options.of(201).withAutofsEvery(1));
    assertEquals(200, s.autofsMounts());
    Inspection inspection = AutofsAnalysis.inspect(DumpLoader.load(tmp));
    assertEquals(200, inspection.mounts().size());
    assertFalse(inspection.hasErrors(), inspection.allFindings().toString());
    Set<String> targets = new HashSet<>();
    for (AutofsMount m : inspection.mounts()) {
      assertEquals(1, m.mountpoint().chars().filter(c -> c == '/').count(), m.mountpoint());
      assertTrue(targets.add(m.mountpoint()), "unique: " + m.mountpoint());
      if (!m.catatonic()) {
        Owner o = m.owner().orElseThrow();
        assertTrue(o.pipeFd() != null, m.mountpoint());
      }
    }
  }

  @Test
  void oneProcessOwnsEveryMountWhenThereIsOnlyOne() throws Exception {
    SyntheticDump.write(tmp, SyntheticDump.Options.of(200).withProcesses(1));
    Inspection inspection = AutofsAnalysis.inspect(DumpLoader.load(tmp));
    assertEquals(10, inspection.mounts().size());
    assertFalse(inspection.hasErrors(), inspection.allFindings().toString());
    inspection.mounts().stream()
        .filter(m -> !m.catatonic())
        .forEach(m -> assertEquals(1, m.owner().orElseThrow().pid()));
  }

  @Test
  void critShowDecodesTheGeneratedImagesAndCritXWalksAllTasks() throws Exception {
    Path crit = Prerequisites.requireCrit();
    SyntheticDump.write(tmp, SyntheticDump.Options.of(200));
    Dump dump = DumpLoader.load(tmp);
    MountEntry autofs = dump.autofsMounts().get(0);
    int owner = dump.autofsImage(autofs.superblockDevice()).value().orElseThrow().pgrp();
    int filesId = dump.filesId(owner).value().orElseThrow();
    for (String name :
        List.of(
            "inventory.img",
            "pstree.img",
            "files.img",
            "pipes-data.img",
            "mountpoints-10.img",
            "autofs-" + autofs.superblockDevice() + ".img",
            "core-" + owner + ".img",
            "ids-" + owner + ".img",
            "fdinfo-" + filesId + ".img")) {
      JsonNode shown = DumpBuilderTest.critShow(tmp.resolve(name));
      assertTrue(shown.get("entries").size() >= 1, name);
    }
    JsonNode mounts = DumpBuilderTest.critShow(tmp.resolve("mountpoints-10.img")).get("entries");
    assertEquals(200, mounts.size());
    assertEquals("0:" + autofs.superblockDevice(), mounts.get(19).get("root_dev").asText());
    Process ps =
        new ProcessBuilder(crit.toString(), "x", tmp.toString(), "ps")
            .redirectErrorStream(true)
            .start();
    String out =
        new String(ps.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, ps.waitFor(), out);
    assertEquals(1 + 100, out.strip().lines().count(), out);
    assertTrue(out.contains("automount"), out);
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
