package org.autofsrestore.app.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.autofsrestore.app.synth.SyntheticDump;
import org.autofsrestore.app.testing.CraftedDumps;
import org.autofsrestore.image.ImageFormatException;
import org.autofsrestore.image.ImageReader;
import org.autofsrestore.image.ImageType;
import org.autofsrestore.image.ImageWriter;
import org.autofsrestore.proto.FdTypes;
import org.autofsrestore.proto.FileEntry;
import org.autofsrestore.proto.MntEntry;
import org.autofsrestore.proto.PipeEntry;
import org.autofsrestore.proto.PstreeEntry;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mount tables, process tree and open files a {@link Dump} scans ({@link MountTable}, {@link
 * ProcessTable}, {@link FileTable}) hold what the generated parser decodes from the same images.
 */
class ScannedTablesTest {
  @TempDir Path tmp;

  static Stream<Path> readableFixtures() throws IOException {
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> all = Files.list(Fixtures.root())) {
      for (Path dir : all.filter(Files::isDirectory).sorted().toList()) {
        if (Files.exists(dir.resolve("pstree.img"))) {
          dirs.add(dir);
        }
      }
    }
    return dirs.stream();
  }

  @ParameterizedTest
  @MethodSource("readableFixtures")
  void everyFixtureLoadsToWhatTheGeneratedParserDecodes(Path dir) throws Exception {
    sameAsDecoded(dir);
  }

  @Test
  void aSyntheticDumpOfThousandsOfRecordsLoadsToWhatTheGeneratedParserDecodes() throws Exception {
    Path dir = tmp.resolve("synthetic");
    SyntheticDump.write(dir, SyntheticDump.Options.of(3000).withProcesses(1500));
    sameAsDecoded(dir);
  }

  @Test
  void aRecordTheScanDoesNotTakeIsDecodedWholeAndKept() throws Exception {
    Path dir = CraftedDumps.copy("multi", tmp.resolve("d"));
    // An unknown group field: the scan leaves such a record to the generated parser.
    List<MntEntry> mounts = new ArrayList<>();
    for (MntEntry m : decodedMounts(dir).values().iterator().next()) {
      mounts.add(
          m.toBuilder()
              .setUnknownFields(
                  com.google.protobuf.UnknownFieldSet.newBuilder()
                      .addField(
                          40,
                          com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                              .addGroup(com.google.protobuf.UnknownFieldSet.getDefaultInstance())
                              .build())
                      .build())
              .build());
    }
    CraftedDumps.replaceMounts(dir, mounts);
    sameAsDecoded(dir);
  }

  private static void sameAsDecoded(Path dir) throws Exception {
    Dump dump = DumpLoader.load(dir);
    List<MountEntry> expected = new ArrayList<>();
    for (Map.Entry<Integer, List<MntEntry>> table : decodedMounts(dir).entrySet()) {
      for (MntEntry e : table.getValue()) {
        expected.add(
            new MountEntry(
                e.getMntId(),
                e.getParentMntId(),
                table.getKey(),
                e.getFstype(),
                DeviceNumber.fromKernel(e.getRootDev()),
                e.getRoot(),
                e.getMountpoint(),
                e.getSource(),
                e.getOptions(),
                e.getFlags(),
                e.getSbFlags()));
      }
    }
    assertEquals(expected, new ArrayList<>(dump.mounts()), dir.toString());
    assertEquals(expected.size(), dump.mountCount());

    Map<Integer, ProcessEntry> processes = new LinkedHashMap<>();
    for (PstreeEntry e : ImageReader.readAll(dir.resolve("pstree.img"), ImageType.PSTREE)) {
      processes.put(
          e.getPid(),
          new ProcessEntry(e.getPid(), e.getPpid(), e.getPgid(), e.getSid(), e.getThreadsCount()));
    }
    assertEquals(processes, dump.processes());
    for (ProcessEntry p : processes.values()) {
      assertEquals(p, dump.process(p.pid()).orElseThrow());
    }

    Path filesImg = dir.resolve("files.img");
    if (Files.exists(filesImg) && dump.files().value().isPresent()) {
      FileTable files = dump.files().value().get();
      for (FileEntry e : ImageReader.readAll(filesImg, ImageType.FILES)) {
        FileDescription file = files.get(e.getId());
        assertEquals(e.getId(), file.id());
        assertEquals(e.getType().name(), file.type());
        assertEquals(e.hasPipe(), file.isPipe());
      }
    }
  }

  /** Each mountpoints-N.img's records, by N, in file name order, as the generated parser reads. */
  private static Map<Integer, List<MntEntry>> decodedMounts(Path dir) throws IOException {
    Map<Integer, List<MntEntry>> tables = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        int ns = DumpLoader.namespaceOf(name);
        if (name.startsWith("mountpoints-") && name.endsWith(".img") && ns >= 0) {
          tables.put(ns, ImageReader.readAll(f, ImageType.MNTS));
        }
      }
    }
    return tables;
  }

  @Test
  void aMountTableNameIsTheNamespaceInAsciiDigitsWithinAnInt() {
    assertEquals(10, DumpLoader.namespaceOf("mountpoints-10.img"));
    assertEquals(10, DumpLoader.namespaceOf("mountpoints-0010.img"));
    assertEquals(2147483647, DumpLoader.namespaceOf("mountpoints-2147483647.img"));
    assertEquals(-1, DumpLoader.namespaceOf("mountpoints-2147483648.img"));
    assertEquals(-1, DumpLoader.namespaceOf("mountpoints-.img"));
    assertEquals(-1, DumpLoader.namespaceOf("mountpoints-1a.img"));
    assertEquals(-1, DumpLoader.namespaceOf("mountpoints-\u0661.img")); // ARABIC-INDIC ONE
  }

  @Test
  void aDamagedFileRecordIsFoundWhenItsFileIsAskedForAndNamesItsOffset() throws Exception {
    Path file = tmp.resolve("files.img");
    FileEntry pipe =
        FileEntry.newBuilder()
            .setType(FdTypes.PIPE)
            .setId(7)
            .setPipe(PipeEntry.newBuilder().setId(7).setPipeId(28133).setFlags(1).buildPartial())
            .buildPartial(); // PipeEntry lacks its required fown
    FileEntry reg = FileEntry.newBuilder().setType(FdTypes.PIPE).setId(8).buildPartial();
    ImageWriter.write(file, ImageType.FILES, List.of(reg, pipe));
    FileTable files = FileTable.read(ImageReader.open(file, ImageType.FILES));
    assertEquals(8, files.get(8).id());
    assertNull(files.get(9));
    ImageFormatException e = assertThrows(ImageFormatException.class, () -> files.get(7));
    assertEquals(ImageFormatException.Kind.UNDECODABLE, e.kind());
    assertEquals(8 + 4 + reg.getSerializedSize(), e.offset());
    assertTrue(e.getMessage().startsWith("files.img at byte "), e.getMessage());
  }
}
