package org.autofsrestore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.autofsrestore.proto.AutofsEntry;
import org.autofsrestore.proto.InventoryEntry;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageReaderTest {
  @TempDir Path dir;

  private static final AutofsEntry ENTRY =
      AutofsEntry.newBuilder()
          .setFd(5)
          .setPgrp(32)
          .setTimeout(300)
          .setMinproto(5)
          .setMaxproto(5)
          .setMode(1)
          .build();

  @Test
  void aTruncatedRecordNamesTheFileTheOffsetAndBothLengths() {
    Path image = Fixtures.root().resolve("broken-truncated/autofs-43.img");
    ImageFormatException e =
        assertThrows(
            ImageFormatException.class, () -> ImageReader.readAll(image, ImageType.AUTOFS));
    assertEquals(ImageFormatException.Kind.TRUNCATED, e.kind());
    assertEquals(8, e.offset());
    assertEquals("payload cut short: length header says 13 bytes, 6 present", e.detail());
    assertTrue(e.getMessage().startsWith("autofs-43.img at byte 8: "), e.getMessage());
  }

  @Test
  void aWrongTypeMagicIsABadMagicAtByteFour() {
    Path image = Fixtures.root().resolve("broken-bad-magic/autofs-43.img");
    ImageFormatException e =
        assertThrows(ImageFormatException.class, () -> ImageReader.open(image, ImageType.AUTOFS));
    assertEquals(ImageFormatException.Kind.BAD_MAGIC, e.kind());
    assertEquals(4, e.offset());
    assertTrue(e.detail().contains("expected 0x49353943 (AUTOFS)"), e.detail());
  }

  @Test
  void anImageOfAnotherTypeIsRefusedByItsMagic() {
    Path mounts = Fixtures.root().resolve("indirect/mountpoints-10.img");
    ImageFormatException e =
        assertThrows(ImageFormatException.class, () -> ImageReader.open(mounts, ImageType.AUTOFS));
    assertTrue(e.detail().contains("type magic 0x55563928"), e.detail());
  }

  @Test
  void aLengthAboveTheRecordLimitIsRefusedWithoutAllocating() throws IOException {
    Path image = write(header(true, ImageType.AUTOFS.magic()), word(0x7fff_fff0));
    ImageFormatException e =
        assertThrows(
            ImageFormatException.class, () -> ImageReader.readAll(image, ImageType.AUTOFS));
    assertEquals(ImageFormatException.Kind.TOO_LARGE, e.kind());
    assertTrue(e.detail().contains("MAX_RECORD_BYTES"), e.detail());
  }

  @Test
  void aLengthHeaderCutShortIsTruncation() throws IOException {
    Path image = write(header(true, ImageType.AUTOFS.magic()), new byte[] {3, 0});
    ImageFormatException e =
        assertThrows(
            ImageFormatException.class, () -> ImageReader.readAll(image, ImageType.AUTOFS));
    assertEquals("length header cut short: 2 of 4 bytes present", e.detail());
  }

  @Test
  void garbageInARecordIsUndecodableNotAnException() throws IOException {
    Path image =
        write(header(true, ImageType.AUTOFS.magic()), word(3), new byte[] {(byte) 0xff, 1, 2});
    ImageFormatException e =
        assertThrows(
            ImageFormatException.class, () -> ImageReader.readAll(image, ImageType.AUTOFS));
    assertEquals(ImageFormatException.Kind.UNDECODABLE, e.kind());
  }

  @Test
  void aRecordMissingARequiredFieldIsUndecodable() throws IOException {
    byte[] partial = AutofsEntry.newBuilder().setFd(5).buildPartial().toByteArray();
    Path image = write(header(true, ImageType.AUTOFS.magic()), word(partial.length), partial);
    ImageFormatException e =
        assertThrows(
            ImageFormatException.class, () -> ImageReader.readAll(image, ImageType.AUTOFS));
    assertTrue(e.detail().contains("pgrp"), e.detail());
  }

  @Test
  void anEmptyFileIsAShortHeader() throws IOException {
    Path image = write();
    ImageFormatException e =
        assertThrows(ImageFormatException.class, () -> ImageReader.open(image, ImageType.AUTOFS));
    assertEquals(ImageFormatException.Kind.TRUNCATED, e.kind());
  }

  @Test
  void readOneOfAHeaderOnlyFileSaysTheFileIsEmpty() throws IOException {
    Path image = write(header(true, ImageType.AUTOFS.magic()));
    ImageFormatException e =
        assertThrows(
            ImageFormatException.class, () -> ImageReader.readOne(image, ImageType.AUTOFS));
    assertEquals(ImageFormatException.Kind.EMPTY, e.kind());
  }

  @Test
  void bothHeaderFormsAreAcceptedForEveryType() throws IOException {
    byte[] record = ENTRY.toByteArray();
    Path withCommon = write(header(true, ImageType.AUTOFS.magic()), word(record.length), record);
    Path bare = write(header(false, ImageType.AUTOFS.magic()), word(record.length), record);
    Path service =
        write(
            word(ImageType.SERVICE_MAGIC),
            word(ImageType.AUTOFS.magic()),
            word(record.length),
            record);
    for (Path image : List.of(withCommon, bare, service)) {
      assertEquals(List.of(ENTRY), ImageReader.readAll(image, ImageType.AUTOFS));
    }
  }

  @Test
  void theInventoryIsWrittenWithItsTypeMagicAlone() throws IOException {
    Path image = dir.resolve("inventory.img");
    InventoryEntry inventory = InventoryEntry.newBuilder().setImgVersion(2).build();
    ImageWriter.write(image, ImageType.INVENTORY, List.of(inventory));
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(image)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(ImageType.INVENTORY.magic(), bytes.getInt(0));
    assertEquals(inventory, ImageReader.readOne(image, ImageType.INVENTORY));
  }

  @Test
  void recordsAreDecodedOneAtATime() throws IOException {
    byte[] record = ENTRY.toByteArray();
    Path image =
        write(
            header(true, ImageType.AUTOFS.magic()),
            word(record.length),
            record,
            word(0x7fff_fff0)); // a bad second record is not touched by reading the first
    ImageReader<AutofsEntry> reader = ImageReader.open(image, ImageType.AUTOFS);
    assertEquals(ENTRY, reader.next());
    assertTrue(reader.hasNext());
    assertThrows(ImageFormatException.class, reader::next);
  }

  @Test
  void aFifoInPlaceOfAnImageIsRefusedAtOnceInsteadOfHanging() throws Exception {
    Path fifo = dir.resolve("autofs-43.img");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    ImageFormatException e =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(5),
            () ->
                assertThrows(
                    ImageFormatException.class, () -> ImageReader.open(fifo, ImageType.AUTOFS)));
    assertEquals(ImageFormatException.Kind.NOT_A_FILE, e.kind());
  }

  @Test
  void aDirectoryInPlaceOfAnImageIsNotAFile() throws Exception {
    Path sub = java.nio.file.Files.createDirectory(dir.resolve("pstree.img"));
    ImageFormatException e =
        assertThrows(ImageFormatException.class, () -> ImageReader.open(sub, ImageType.PSTREE));
    assertEquals(ImageFormatException.Kind.NOT_A_FILE, e.kind());
  }

  private static byte[] header(boolean common, int magic) {
    ByteBuffer b = ByteBuffer.allocate(common ? 8 : 4).order(ByteOrder.LITTLE_ENDIAN);
    if (common) {
      b.putInt(ImageType.COMMON_MAGIC);
    }
    return b.putInt(magic).array();
  }

  private static byte[] word(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }

  private Path write(byte[]... parts) throws IOException {
    Path file = Files.createTempFile(dir, "image", ".img");
    try (var out = Files.newOutputStream(file)) {
      for (byte[] part : parts) {
        out.write(part);
      }
    }
    return file;
  }
}
