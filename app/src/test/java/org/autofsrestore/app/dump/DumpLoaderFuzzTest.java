package org.autofsrestore.app.dump;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.report.InspectionJson;
import org.autofsrestore.app.report.InspectionTable;
import org.autofsrestore.app.report.PlanJson;
import org.autofsrestore.app.report.PlanText;
import org.autofsrestore.app.restore.LiveSystem;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.Plan;
import org.autofsrestore.app.restore.Planner;
import org.autofsrestore.image.ImageType;
import org.autofsrestore.image.ImageWriter;
import org.autofsrestore.proto.AutofsEntry;
import org.autofsrestore.proto.MntEntry;
import org.autofsrestore.testkit.Fixtures;

/**
 * A fixture's image directory with one file replaced, mutated or rebuilt from the fuzz input, read
 * the way {@code inspect} and {@code plan} read it: {@link DumpLoader#load}, {@link
 * AutofsAnalysis#inspect}, the JSON and text reports, and the restore plan against a fixed live
 * system. The only acceptable outcomes are a report (whose JSON must parse) or a {@link
 * DumpUnreadableException}.
 *
 * <p>Input: byte 0 picks the fixture, byte 1 the file (one of the fixture's files, or a name it
 * lacks), byte 2 what is done to it, the rest is the data:
 *
 * <ul>
 *   <li>0: the file's bytes become the data;
 *   <li>1: the data behind the right image header for the file's name;
 *   <li>2: the file's own bytes with edits: the data is (offset u16, byte) pairs; a first data byte
 *       with its top bit set also cuts the file at the offset given by the next two bytes;
 *   <li>3: mountpoints-10.img and autofs-N.img rebuilt from records the data describes (see {@link
 *       #structured}), so the analysis sees arbitrary mount trees and autofs state.
 * </ul>
 */
class DumpLoaderFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIXTURES = fixtureNames();
  private static final Path WORK = workDirectory();
  private static final Map<String, Path> COPIES = new HashMap<>();
  private static final List<String> EXTRA_NAMES =
      List.of("autofs-43.img", "autofs-44.img", "mountpoints-11.img", "core-32.img", "ids-32.img");

  @FuzzTest(maxDuration = "20s")
  void aDumpIsReportedOrUnreadable(byte[] input) throws IOException {
    if (input.length < 3) {
      return;
    }
    String fixture = FIXTURES.get((input[0] & 0xff) % FIXTURES.size());
    Path dir = copyOf(fixture);
    List<String> names = new ArrayList<>(fileNames(dir));
    names.addAll(EXTRA_NAMES);
    String name = names.get((input[1] & 0xff) % names.size());
    byte[] data = java.util.Arrays.copyOfRange(input, 3, input.length);
    Path original = Fixtures.dir(fixture);
    List<String> touched = new ArrayList<>();
    try {
      switch ((input[2] & 0xff) % 4) {
        case 0 -> write(dir, name, data, touched);
        case 1 -> write(dir, name, withHeader(typeOf(name), data), touched);
        case 2 -> write(dir, name, edit(original.resolve(name), data), touched);
        default -> structured(dir, data, touched);
      }
      readAndReport(dir);
    } finally {
      restore(original, dir, touched);
    }
  }

  static void readAndReport(Path dir) {
    Dump dump;
    try {
      dump = DumpLoader.load(dir);
    } catch (DumpUnreadableException expected) {
      if (expected.getMessage() == null || expected.getMessage().isEmpty()) {
        throw new AssertionError("an unreadable dump says why", expected);
      }
      return;
    }
    Inspection inspection = AutofsAnalysis.inspect(dump);
    StringBuilder json = new StringBuilder();
    InspectionJson.write(inspection, json);
    parses(json);
    InspectionTable.write(inspection, new PrintWriter(new StringWriter()));
    for (OwnerMode owner : OwnerMode.values()) {
      Plan plan =
          Planner.plan(
              inspection,
              NOTHING_UNDER_ROOT,
              new Planner.Options(Path.of("/fuzz-root"), List.of(), owner, true, 0, false));
      StringBuilder planJson = new StringBuilder();
      PlanJson.write(plan, planJson);
      parses(planJson);
      PlanText.write(plan, new PrintWriter(new StringWriter()));
    }
  }

  private static void parses(CharSequence json) {
    try {
      JSON.readTree(json.toString());
    } catch (IOException e) {
      throw new AssertionError("the report is not JSON: " + e.getMessage() + "\n" + json, e);
    }
  }

  /** The restore root exists and holds nothing: every target below it is missing. */
  static final LiveSystem NOTHING_UNDER_ROOT =
      new LiveSystem() {
        @Override
        public boolean hasCapSysAdmin() {
          return true;
        }

        @Override
        public Optional<String> devAutofsVersion() {
          return Optional.of("1.1");
        }

        @Override
        public PathKind kindOf(Path path) {
          return path.equals(Path.of("/fuzz-root")) ? PathKind.DIRECTORY : PathKind.MISSING;
        }

        @Override
        public boolean isAutofsMountpoint(Path path) {
          return false;
        }
      };

  /**
   * Rebuilds mountpoints-10.img (and an autofs-N.img for every autofs mount) from the data. Each
   * record: a kind byte (bit 0 autofs, bit 1 write autofs-N.img, bit 2 make the mount its own
   * parent), mnt_id, parent_mnt_id, superblock minor, then mountpoint, options and root as
   * length-prefixed strings, then the autofs-N.img values.
   */
  private static void structured(Path dir, byte[] data, List<String> touched) throws IOException {
    Cursor in = new Cursor(data);
    List<MntEntry> mounts = new ArrayList<>();
    while (in.remaining() > 0 && mounts.size() < 64) {
      int kind = in.u8();
      int mntId = in.u8();
      int parent = (kind & 4) != 0 ? mntId : in.u8();
      int minor = in.u8();
      MntEntry.Builder m =
          MntEntry.newBuilder()
              .setFstype((kind & 1) != 0 ? 18 : in.u8())
              .setMntId(mntId)
              .setRootDev(minor)
              .setParentMntId(parent)
              .setFlags(in.i32())
              .setMountpoint(in.string())
              .setSource(in.string())
              .setOptions(in.string())
              .setRoot(in.string());
      mounts.add(m.build());
      if ((kind & 3) == 3) {
        AutofsEntry.Builder a =
            AutofsEntry.newBuilder()
                .setFd(in.i32())
                .setPgrp(in.i32())
                .setTimeout(in.i32())
                .setMinproto(in.i32())
                .setMaxproto(in.i32())
                .setMode(in.i32());
        int optional = in.u8();
        if ((optional & 1) != 0) {
          a.setUid(in.i32());
        }
        if ((optional & 2) != 0) {
          a.setGid(in.i32());
        }
        if ((optional & 4) != 0) {
          a.setReadFd(in.i32());
        }
        writeRecords(
            dir, "autofs-" + minor + ".img", ImageType.AUTOFS, List.of(a.build()), touched);
      }
    }
    writeRecords(dir, "mountpoints-10.img", ImageType.MNTS, mounts, touched);
  }

  /** Reads the data front to back; past its end every value is 0 or empty. */
  private static final class Cursor {
    private final byte[] data;
    private int at;

    Cursor(byte[] data) {
      this.data = data;
    }

    int remaining() {
      return data.length - at;
    }

    int u8() {
      return at < data.length ? data[at++] & 0xff : 0;
    }

    int i32() {
      int v = 0;
      for (int i = 0; i < 4; i++) {
        v |= u8() << (8 * i);
      }
      return v;
    }

    String string() {
      int length = Math.min(u8(), remaining());
      String s = new String(data, at, length, StandardCharsets.UTF_8);
      at += length;
      return s;
    }
  }

  private static <M extends MessageLite> void writeRecords(
      Path dir, String name, ImageType<M> type, List<M> records, List<String> touched)
      throws IOException {
    touched.add(name);
    Files.deleteIfExists(dir.resolve(name)); // the copies keep the fixtures' read-only mode
    ImageWriter.write(dir.resolve(name), type, records);
  }

  private static void write(Path dir, String name, byte[] bytes, List<String> touched)
      throws IOException {
    touched.add(name);
    Files.deleteIfExists(dir.resolve(name)); // the copies keep the fixtures' read-only mode
    Files.write(dir.resolve(name), bytes);
  }

  private static byte[] edit(Path original, byte[] data) throws IOException {
    byte[] bytes = Files.exists(original) ? Files.readAllBytes(original) : new byte[0];
    int at = 0;
    if (data.length >= 3 && (data[0] & 0x80) != 0) {
      int cut = ((data[1] & 0xff) | (data[2] & 0xff) << 8);
      bytes = java.util.Arrays.copyOf(bytes, Math.min(cut, bytes.length));
      at = 3;
    }
    for (; at + 2 < data.length && bytes.length > 0; at += 3) {
      int offset = ((data[at] & 0xff) | (data[at + 1] & 0xff) << 8) % bytes.length;
      bytes[offset] = data[at + 2];
    }
    return bytes;
  }

  static ImageType<?> typeOf(String name) {
    if (name.startsWith("inventory")) {
      return ImageType.INVENTORY;
    } else if (name.startsWith("pstree")) {
      return ImageType.PSTREE;
    } else if (name.startsWith("core-")) {
      return ImageType.CORE;
    } else if (name.startsWith("ids-")) {
      return ImageType.IDS;
    } else if (name.startsWith("mountpoints-")) {
      return ImageType.MNTS;
    } else if (name.startsWith("autofs-")) {
      return ImageType.AUTOFS;
    } else if (name.startsWith("fdinfo-")) {
      return ImageType.FDINFO;
    }
    return ImageType.FILES;
  }

  static byte[] withHeader(ImageType<?> type, byte[] records) {
    ByteBuffer b = ByteBuffer.allocate(8 + records.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(ImageType.COMMON_MAGIC).putInt(type.magic()).put(records);
    return b.array();
  }

  /** Puts back what the input changed, so the next input starts from the fixture again. */
  private static void restore(Path original, Path dir, List<String> touched) throws IOException {
    for (String name : touched) {
      Path source = original.resolve(name);
      if (Files.exists(source)) {
        Files.copy(source, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.deleteIfExists(dir.resolve(name));
      }
    }
  }

  private static Path copyOf(String fixture) throws IOException {
    Path copy = COPIES.get(fixture);
    if (copy == null) {
      copy = Files.createDirectory(WORK.resolve(fixture));
      copy.toFile().deleteOnExit();
      for (String name : fileNames(Fixtures.dir(fixture))) {
        Files.copy(Fixtures.dir(fixture).resolve(name), copy.resolve(name));
        copy.resolve(name).toFile().deleteOnExit();
      }
      COPIES.put(fixture, copy);
    }
    return copy;
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".img"))
          .sorted()
          .toList();
    }
  }

  private static List<String> fixtureNames() {
    try (Stream<Path> dirs = Files.list(Fixtures.root())) {
      return dirs.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("crit-json") && !n.equals("criu-logs"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path workDirectory() {
    try {
      Path dir = Files.createTempDirectory("dump-loader-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
