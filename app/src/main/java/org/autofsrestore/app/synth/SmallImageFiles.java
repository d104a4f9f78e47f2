package org.autofsrestore.app.synth;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.autofsrestore.image.ImageType;
import org.autofsrestore.image.ImageWriter;

/**
 * Writes the many tiny per-task and per-mount image files of a large dump (core, ids, fdinfo,
 * autofs: tens of bytes each) in ImageWriter's format, through one reused buffer and a single write
 * each. ImageWriter gives every file a 64 KiB stream buffer, which for 150,000 files is most of the
 * generator's allocation; anything larger than the buffer goes through ImageWriter.
 */
final class SmallImageFiles {
  private static final int CAPACITY = 1 << 16;
  private final byte[] buffer = new byte[CAPACITY];

  <M extends MessageLite> void write(Path file, ImageType<M> type, M record) throws IOException {
    write(file, type, List.of(record));
  }

  <M extends MessageLite> void write(Path file, ImageType<M> type, List<M> records)
      throws IOException {
    int size = type.commonMagicWritten() ? 8 : 4;
    for (M r : records) {
      size += 4 + r.getSerializedSize();
    }
    if (size > CAPACITY) {
      ImageWriter.write(file, type, records);
      return;
    }
    CodedOutputStream out = CodedOutputStream.newInstance(buffer, 0, size);
    if (type.commonMagicWritten()) {
      out.writeFixed32NoTag(ImageType.COMMON_MAGIC);
    }
    out.writeFixed32NoTag(type.magic());
    for (M r : records) {
      out.writeFixed32NoTag(r.getSerializedSize());
      r.writeTo(out);
    }
    out.checkNoSpaceLeft();
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, size);
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }
  }
}
