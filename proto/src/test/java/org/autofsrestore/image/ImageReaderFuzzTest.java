package org.autofsrestore.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Arbitrary bytes as an image file of every {@link ImageType}: the reader gives records or an
 * {@link ImageFormatException}, never another exception, never a hang (the fuzzing executions give
 * libFuzzer {@code -timeout=10}: an input that takes longer is a finding), and never an allocation
 * a length field asks for (the fuzzing JVM runs with a small heap, so such an allocation is an
 * OutOfMemoryError finding).
 *
 * <p>Input: byte 0 picks the type (low 3 bits) and whether the right header is put in front of the
 * rest (bit 3), so the fuzzer spends its time on records as well as on headers; the rest is the
 * file. Seeds: real fixture images behind their selector byte ({@code
 * ImageReaderFuzzTestInputs/anyBytesAreRecordsOrAFormatError/}).
 */
class ImageReaderFuzzTest {
  static final List<ImageType<? extends MessageLite>> TYPES =
      List.of(
          ImageType.INVENTORY,
          ImageType.PSTREE,
          ImageType.CORE,
          ImageType.IDS,
          ImageType.MNTS,
          ImageType.AUTOFS,
          ImageType.FDINFO,
          ImageType.FILES);

  private static final Path FILE = scratchFile();

  @FuzzTest(maxDuration = "20s")
  void anyBytesAreRecordsOrAFormatError(byte[] input) throws IOException {
    if (input.length == 0) {
      read(ImageType.MNTS, new byte[0]);
      return;
    }
    ImageType<? extends MessageLite> type = TYPES.get(input[0] & 0x7);
    boolean withHeader = (input[0] & 0x8) != 0;
    byte[] rest = java.util.Arrays.copyOfRange(input, 1, input.length);
    read(type, withHeader ? withHeader(type, rest) : rest);
  }

  private static void read(ImageType<? extends MessageLite> type, byte[] content)
      throws IOException {
    Files.write(FILE, content);
    try {
      ImageReader<? extends MessageLite> reader = ImageReader.open(FILE, type);
      List<? extends MessageLite> records = reader.readAll();
      if (records.size() > ImageLimits.MAX_RECORDS) {
        throw new AssertionError(records.size() + " records, above MAX_RECORDS");
      }
      reader.rewind();
      if (reader.hasNext()) {
        ImageReader.readOne(FILE, type);
      }
    } catch (ImageFormatException expected) {
      if (expected.getMessage() == null || expected.file() == null) {
        throw new AssertionError("a format error names its file and problem", expected);
      }
    }
  }

  static byte[] withHeader(ImageType<?> type, byte[] records) {
    ByteBuffer b = ByteBuffer.allocate(8 + records.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(ImageType.COMMON_MAGIC).putInt(type.magic()).put(records);
    return b.array();
  }

  private static Path scratchFile() {
    try {
      Path dir = Files.createTempDirectory("image-reader-fuzz");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve("fuzz.img");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
