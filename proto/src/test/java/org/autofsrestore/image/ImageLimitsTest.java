package org.autofsrestore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.autofsrestore.proto.PstreeEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each limit of {@link ImageLimits}, hit by a crafted file, is named in the error. */
class ImageLimitsTest {
  @TempDir Path dir;

  @Test
  void moreRecordsThanMaxRecordsIsTooLargeAndNamesMaxRecords() throws IOException {
    // MAX_RECORDS + 1 copies of the smallest pstree entry (pid 1, ppid 0, pgid 1, sid 1): 48 MiB.
    byte[] record = {8, 0, 0, 0, 0x08, 1, 0x10, 0, 0x18, 1, 0x20, 1};
    byte[] file = new byte[8 + record.length * (ImageLimits.MAX_RECORDS + 1)];
    byte[] header = ImageReaderFuzzTest.withHeader(ImageType.PSTREE, new byte[0]);
    System.arraycopy(header, 0, file, 0, 8);
    for (int at = 8; at < file.length; at += record.length) {
      System.arraycopy(record, 0, file, at, record.length);
    }
    Path image = Files.write(dir.resolve("pstree.img"), file);

    ImageReader<PstreeEntry> reader = ImageReader.open(image, ImageType.PSTREE);
    for (int i = 0; i < ImageLimits.MAX_RECORDS; i++) {
      reader.next();
    }
    ImageFormatException e = assertThrows(ImageFormatException.class, reader::next);
    assertEquals(ImageFormatException.Kind.TOO_LARGE, e.kind());
    assertEquals(8L + (long) record.length * ImageLimits.MAX_RECORDS, e.offset());
    assertTrue(e.detail().contains("MAX_RECORDS"), e.detail());
    assertTrue(e.detail().contains(String.valueOf(ImageLimits.MAX_RECORDS)), e.detail());
  }

  @Test
  void aFileAboveMaxFileBytesIsRefusedBeforeItIsRead() throws IOException {
    Path image = dir.resolve("mountpoints-1.img");
    try (RandomAccessFile sparse = new RandomAccessFile(image.toFile(), "rw")) {
      sparse.setLength(ImageLimits.MAX_FILE_BYTES + 1); // a hole: no disk, no memory
    }
    ImageFormatException e =
        assertThrows(ImageFormatException.class, () -> ImageReader.open(image, ImageType.MNTS));
    assertEquals(ImageFormatException.Kind.TOO_LARGE, e.kind());
    assertTrue(e.detail().contains("MAX_FILE_BYTES"), e.detail());
  }

  @Test
  void aLengthHeaderOfFourGibibytesIsAnErrorNotAnAllocation() throws IOException {
    byte[] records = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3};
    Path image =
        Files.write(
            dir.resolve("autofs-1.img"), ImageReaderFuzzTest.withHeader(ImageType.AUTOFS, records));
    ImageFormatException e =
        assertThrows(
            ImageFormatException.class, () -> ImageReader.readAll(image, ImageType.AUTOFS));
    assertEquals(ImageFormatException.Kind.TOO_LARGE, e.kind());
    assertEquals(8, e.offset());
    assertTrue(e.detail().contains("4294967295 bytes"), e.detail());
    assertTrue(e.detail().contains("MAX_RECORD_BYTES"), e.detail());
  }

  /**
   * Nothing in this tool recurses over the dump (the mount tree is walked by parent id, never
   * recursively); the one recursion is protobuf's own over nested groups, bounded by its recursion
   * limit (100). Deeper nesting is a format error, not a StackOverflowError.
   */
  @Test
  void deeplyNestedGroupsAreAFormatErrorNotAStackOverflow() throws IOException {
    int depth = 100_000;
    byte[] payload = new byte[2 * depth];
    for (int i = 0; i < depth; i++) {
      payload[2 * i] = (byte) 0xa3; // field 100, wire type 3 (start group): 803 as a varint
      payload[2 * i + 1] = 0x06;
    }
    java.nio.ByteBuffer record =
        java.nio.ByteBuffer.allocate(4 + payload.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    record.putInt(payload.length).put(payload);
    Path image =
        Files.write(
            dir.resolve("mountpoints-1.img"),
            ImageReaderFuzzTest.withHeader(ImageType.MNTS, record.array()));
    ImageFormatException e =
        assertThrows(ImageFormatException.class, () -> ImageReader.readAll(image, ImageType.MNTS));
    assertEquals(ImageFormatException.Kind.UNDECODABLE, e.kind());
    assertTrue(e.detail().contains("nesting"), e.detail());
  }
}
