package org.autofsrestore.image;

import com.google.protobuf.MessageLite;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a CRIU image file in the form CRIU writes it: the header of {@link ImageType}, then each
 * record as {@code u32 little-endian length, message}.
 *
 * @param <M> the message of each record
 */
public final class ImageWriter<M extends MessageLite> implements AutoCloseable {
  private final OutputStream out;
  private final byte[] word = new byte[4];

  private ImageWriter(OutputStream out, ImageType<M> type) throws IOException {
    this.out = out;
    if (type.commonMagicWritten()) {
      writeWord(ImageType.COMMON_MAGIC);
    }
    writeWord(type.magic());
  }

  /** Creates (or replaces) {@code file} and writes its header. */
  public static <M extends MessageLite> ImageWriter<M> create(Path file, ImageType<M> type)
      throws IOException {
    return new ImageWriter<>(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), type);
  }

  /** Writes {@code records} to {@code file} as a whole image. */
  public static <M extends MessageLite> void write(
      Path file, ImageType<M> type, Iterable<? extends M> records) throws IOException {
    try (ImageWriter<M> writer = create(file, type)) {
      for (M record : records) {
        writer.append(record);
      }
    }
  }

  /** Appends one record. */
  public void append(M record) throws IOException {
    writeWord(record.getSerializedSize());
    record.writeTo(out);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private void writeWord(int value) throws IOException {
    word[0] = (byte) value;
    word[1] = (byte) (value >>> 8);
    word[2] = (byte) (value >>> 16);
    word[3] = (byte) (value >>> 24);
    out.write(word);
  }
}
