package org.autofsrestore.app.dump.archive;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * How a checkpoint archive's tar stream is compressed, told by its first bytes, never by the file's
 * name: Podman exports zstd by default and gzip or none on request, the kubelet writes a plain tar,
 * and an operator may have compressed one with xz.
 */
enum Compression {
  NONE("uncompressed"),
  GZIP("gzip"),
  ZSTD("zstd"),
  XZ("xz");

  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
  private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
  private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};

  /** A POSIX (ustar, pax) or GNU tar header has "ustar" at byte 257 of its first block. */
  private static final int TAR_MAGIC_OFFSET = 257;

  private static final byte[] TAR_MAGIC = {'u', 's', 't', 'a', 'r'};

  /** xz's memory limit: a header asking for a larger dictionary is refused before allocating. */
  private static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;

  private final String label;

  Compression(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /**
   * The compression of the stream at {@code in}'s position, which is left there; null when the
   * first bytes are neither a known compression's magic nor a tar header.
   */
  static Compression detect(BufferedInputStream in) throws IOException {
    byte[] head = new byte[TAR_MAGIC_OFFSET + TAR_MAGIC.length];
    in.mark(head.length);
    int n = in.readNBytes(head, 0, head.length);
    in.reset();
    if (startsWith(head, n, XZ_MAGIC)) {
      return XZ;
    }
    if (startsWith(head, n, ZSTD_MAGIC)) {
      return ZSTD;
    }
    if (startsWith(head, n, GZIP_MAGIC)) {
      return GZIP;
    }
    if (n == head.length
        && Arrays.equals(head, TAR_MAGIC_OFFSET, head.length, TAR_MAGIC, 0, TAR_MAGIC.length)) {
      return NONE;
    }
    return null;
  }

  /** The decompressed stream of {@code in}; concatenated members or frames are one stream. */
  InputStream open(InputStream in) throws IOException {
    switch (this) {
      case GZIP:
        return GzipCompressorInputStream.builder()
            .setInputStream(in)
            .setDecompressConcatenated(true)
            .get();
      case XZ:
        return XZCompressorInputStream.builder()
            .setInputStream(in)
            .setDecompressConcatenated(true)
            .setMemoryLimitKiB(XZ_MEMORY_LIMIT_KIB)
            .get();
      case ZSTD:
        // zstd-jni's own stream: commons-compress's ZstdCompressorInputStream wraps the same one.
        return new ZstdInputStream(in);
      default:
        return in;
    }
  }

  private static boolean startsWith(byte[] head, int n, byte[] magic) {
    return n >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
  }
}
