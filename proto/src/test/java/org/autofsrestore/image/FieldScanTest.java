package org.autofsrestore.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.autofsrestore.proto.MntEntry;
import org.autofsrestore.proto.PstreeEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FieldScan} gives what the generated parser gives, or says it cannot: a scan that returns
 * true never disagrees with {@code parseFrom}.
 */
class FieldScanTest {
  @TempDir Path dir;

  private static final FieldScan MOUNT =
      FieldScan.of()
          .field(1, FieldScan.Kind.VARINT, true)
          .field(2, FieldScan.Kind.VARINT, true)
          .field(3, FieldScan.Kind.VARINT, true)
          .field(4, FieldScan.Kind.VARINT, true)
          .field(5, FieldScan.Kind.VARINT, true)
          .field(6, FieldScan.Kind.BYTES, true)
          .field(7, FieldScan.Kind.BYTES, true)
          .field(8, FieldScan.Kind.BYTES, true)
          .field(9, FieldScan.Kind.BYTES, true)
          .field(17, FieldScan.Kind.VARINT, false);

  private static final FieldScan TASK =
      FieldScan.of()
          .field(1, FieldScan.Kind.VARINT, true)
          .field(2, FieldScan.Kind.VARINT, true)
          .field(3, FieldScan.Kind.VARINT, true)
          .field(4, FieldScan.Kind.VARINT, true)
          .field(5, FieldScan.Kind.REPEATED_VARINT, false);

  private static MntEntry.Builder mount() {
    return MntEntry.newBuilder()
        .setFstype(18)
        .setMntId(48)
        .setRootDev(43)
        .setParentMntId(30)
        .setFlags(0x200000)
        .setRoot("/")
        .setMountpoint("/srv/auto-é")
        .setSource("/etc/auto.srv")
        .setOptions("fd=5,pgrp=32,timeout=300,minproto=5,maxproto=5,indirect,pipe_ino=28133");
  }

  private static String string(FieldScan scan, byte[] bytes, int field) {
    return new String(bytes, scan.start(field), scan.length(field), StandardCharsets.UTF_8);
  }

  @Test
  void aMountRecordScansToTheValuesTheGeneratedParserDecodes() throws IOException {
    MntEntry entry = mount().setSharedId(7).setExtKey("k").setSbFlags(-5).build();
    byte[] bytes = entry.toByteArray();
    assertTrue(MOUNT.scan(bytes, 0, bytes.length));
    assertEquals(entry.getFstype(), MOUNT.int32(1));
    assertEquals(entry.getMntId(), MOUNT.int32(2));
    assertEquals(entry.getRootDev(), MOUNT.int32(3));
    assertEquals(entry.getParentMntId(), MOUNT.int32(4));
    assertEquals(entry.getFlags(), MOUNT.int32(5));
    assertEquals(entry.getSbFlags(), MOUNT.int32(17));
    assertEquals(entry.getRoot(), string(MOUNT, bytes, 6));
    assertEquals(entry.getMountpoint(), string(MOUNT, bytes, 7));
    assertEquals(entry.getSource(), string(MOUNT, bytes, 8));
    assertEquals(entry.getOptions(), string(MOUNT, bytes, 9));
    assertEquals(entry.getMountpointBytes().size(), MOUNT.length(7));
  }

  @Test
  void anAbsentOptionalFieldReadsAsItsDefaultAndIsNotPresent() {
    byte[] bytes = mount().build().toByteArray();
    assertTrue(MOUNT.scan(bytes, 0, bytes.length));
    assertFalse(MOUNT.has(17));
    assertEquals(0, MOUNT.int32(17));
  }

  @Test
  void aMissingRequiredFieldIsLeftToTheGeneratedParser() {
    byte[] bytes = mount().clearOptions().buildPartial().toByteArray();
    assertFalse(MOUNT.scan(bytes, 0, bytes.length));
    assertThrows(InvalidProtocolBufferException.class, () -> MntEntry.parseFrom(bytes));
  }

  @Test
  void threadsCountTheSamePackedOrNot() throws IOException {
    byte[] unpacked =
        PstreeEntry.newBuilder()
            .setPid(1)
            .setPpid(0)
            .setPgid(1)
            .setSid(1)
            .addThreads(1)
            .addThreads(2)
            .addThreads(3)
            .build()
            .toByteArray();
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(packed);
    for (int field = 1; field <= 4; field++) {
      out.writeUInt32(field, 1);
    }
    out.writeTag(5, 2);
    out.writeUInt32NoTag(3);
    out.writeUInt32NoTag(1);
    out.writeUInt32NoTag(2);
    out.writeUInt32NoTag(3);
    out.flush();
    for (byte[] bytes : List.of(unpacked, packed.toByteArray())) {
      assertEquals(3, PstreeEntry.parseFrom(bytes).getThreadsCount());
      assertTrue(TASK.scan(bytes, 0, bytes.length));
      assertEquals(3, TASK.count(5));
    }
  }

  @Test
  void theLastOfARepeatedScalarWinsAsInTheGeneratedParser() throws IOException {
    byte[] once = mount().build().toByteArray();
    byte[] again =
        MntEntry.newBuilder().setMntId(99).setMountpoint("/b").buildPartial().toByteArray();
    byte[] both = concat(once, again);
    MntEntry parsed = MntEntry.parseFrom(both);
    assertTrue(MOUNT.scan(both, 0, both.length));
    assertEquals(parsed.getMntId(), MOUNT.int32(2));
    assertEquals(parsed.getMountpoint(), string(MOUNT, both, 7));
  }

  @Test
  void aChosenFieldInAnotherWireTypeIsLeftToTheGeneratedParser() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(mount().build().toByteArray());
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeFixed32(2, 7); // mnt_id as fixed32: an unknown field to the generated parser
    out.flush();
    byte[] record = bytes.toByteArray();
    assertFalse(MOUNT.scan(record, 0, record.length));
    assertEquals(48, MntEntry.parseFrom(record).getMntId());
  }

  @Test
  void unknownFieldsAreSkippedButGroupsAreLeftToTheGeneratedParser() throws IOException {
    ByteArrayOutputStream withUnknown = new ByteArrayOutputStream();
    withUnknown.write(mount().build().toByteArray());
    CodedOutputStream out = CodedOutputStream.newInstance(withUnknown);
    out.writeFixed64(40, 1);
    out.writeString(41, "unknown");
    out.writeFixed32(42, 2);
    out.writeUInt64(43, -1L);
    out.flush();
    byte[] plain = withUnknown.toByteArray();
    assertTrue(MOUNT.scan(plain, 0, plain.length));
    assertEquals(48, MOUNT.int32(2));

    out.writeTag(44, 3); // start group
    out.writeTag(44, 4); // end group
    out.flush();
    byte[] grouped = withUnknown.toByteArray();
    assertFalse(MOUNT.scan(grouped, 0, grouped.length));
  }

  @Test
  void everyCutOfARecordIsEitherScannedAsParsedOrLeftToTheParser() {
    byte[] whole = mount().setSbFlags(3).build().toByteArray();
    for (int cut = 0; cut <= whole.length; cut++) {
      agreesWithTheParser(java.util.Arrays.copyOf(whole, cut));
    }
  }

  @Test
  void randomDamageNeverMakesAScanDisagreeWithTheParser() {
    Random random = new Random(20251124);
    byte[] whole = mount().setSharedId(9).setSbFlags(3).build().toByteArray();
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = whole.clone();
      for (int k = 1 + random.nextInt(3); k > 0; k--) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      agreesWithTheParser(bytes);
    }
  }

  private static void agreesWithTheParser(byte[] bytes) {
    boolean scanned = MOUNT.scan(bytes, 0, bytes.length);
    MntEntry parsed;
    try {
      parsed = MntEntry.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      assertFalse(scanned, "scanned a record the parser refuses: " + e.getMessage());
      return;
    }
    if (scanned) {
      assertEquals(parsed.getFstype(), MOUNT.int32(1));
      assertEquals(parsed.getMntId(), MOUNT.int32(2));
      assertEquals(parsed.getRootDev(), MOUNT.int32(3));
      assertEquals(parsed.getParentMntId(), MOUNT.int32(4));
      assertEquals(parsed.getFlags(), MOUNT.int32(5));
      assertEquals(parsed.getSbFlags(), MOUNT.int32(17));
      assertArrayEquals(parsed.getRootBytes().toByteArray(), slice(bytes, 6));
      assertArrayEquals(parsed.getMountpointBytes().toByteArray(), slice(bytes, 7));
      assertArrayEquals(parsed.getSourceBytes().toByteArray(), slice(bytes, 8));
      assertArrayEquals(parsed.getOptionsBytes().toByteArray(), slice(bytes, 9));
    }
  }

  private static byte[] slice(byte[] bytes, int field) {
    return java.util.Arrays.copyOfRange(
        bytes, MOUNT.start(field), MOUNT.start(field) + MOUNT.length(field));
  }

  @Test
  void recordsOfOneFileScannedInOrderOrOutOfOrderGiveTheSameValues() throws IOException {
    Path file = dir.resolve("mountpoints-1.img");
    List<MntEntry> entries = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      entries.add(mount().setMntId(i).setMountpoint("/m/" + "x".repeat(i)).build());
    }
    ImageWriter.write(file, ImageType.MNTS, entries);
    ImageReader<MntEntry> reader = ImageReader.open(file, ImageType.MNTS);
    List<long[]> places = new ArrayList<>();
    for (int i = 0; reader.hasNext(); i++) {
      reader.skipRecord();
      places.add(new long[] {reader.payloadOffset(), reader.payloadLength()});
      assertTrue(MOUNT.scan(reader.array(), reader.payloadOffset(), reader.payloadLength()));
      assertEquals(i, MOUNT.int32(2));
      assertEquals(entries.get(i), reader.decodeRecord());
    }
    for (int i = places.size() - 1; i >= 0; i -= 7) {
      int offset = (int) places.get(i)[0];
      assertTrue(MOUNT.scan(reader.array(), offset, (int) places.get(i)[1]));
      assertEquals("/m/" + "x".repeat(i), string(MOUNT, reader.array(), 7));
    }
    assertEquals(Files.size(file), reader.position());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
