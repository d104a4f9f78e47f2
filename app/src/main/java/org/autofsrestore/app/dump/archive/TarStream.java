package org.autofsrestore.app.dump.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.autofsrestore.app.dump.ArchiveLimits;

/**
 * Reads a tar stream entry by entry: POSIX ustar (with its name prefix), pax extended headers
 * ({@code path}, {@code linkpath}, {@code size}; global headers are read through), GNU long names
 * and base-256 numbers, and v7 headers; every header's checksum is checked.
 *
 * <p>Written here rather than taken from commons-compress (whose TarArchiveInputStream the project
 * used first, and whose compressors it still uses), because that reader was most of the cost of an
 * archive: on a Podman-style pax tar of the 10,000-mount dump (15,508 entries, 33 MB), in a fresh
 * JVM with the launcher's flags, commons-compress 1.28.0 read it in 611-732 ms and this reader in
 * 108-123 ms, zstd's decompression alone 16-19 ms (3 runs each, alternating, on a 2-core machine at
 * load 4, each reading every entry of the zstd archive bench/run's group f makes; the whole
 * inspection's figures are in bench/results/archive-inspect.md). Each of its headers costs
 * commons-compress several fresh 8 KiB buffers and a map of pax headers.
 *
 * <p>A stream that ends inside a header or an entry, or before tar's end-of-archive block, is an
 * {@link EOFException}; a bad checksum or number is an {@link IOException}: both say the archive is
 * truncated or damaged, in words that name the entry (its number, the byte its header starts at,
 * its name so far or the entry before it) and the field. Extended headers (pax, GNU long names and
 * links) and the names of entries together are bounded by {@link ArchiveLimits#MAX_HEADER_BYTES},
 * past which the archive is refused ({@link ArchiveRefused}): each is parsed, and each name is kept
 * by the caller to refuse one that repeats.
 */
final class TarStream {
  private static final int BLOCK = 512;

  /** One entry's header, with what pax or GNU long-name headers before it said. */
  record Entry(String name, byte type, long size, String linkName, boolean sparse) {
    boolean isSymbolicLink() {
      return type == '2';
    }

    boolean isLink() {
      return type == '1';
    }

    boolean isCharacterDevice() {
      return type == '3';
    }

    boolean isBlockDevice() {
      return type == '4';
    }

    boolean isFIFO() {
      return type == '6';
    }

    boolean isDirectory() {
      return type == '5' || (isRegularType() && name.endsWith("/"));
    }

    /** A plain file: type 0, NUL (old tars) or 7 (contiguous), not a sparse one. */
    boolean isFile() {
      return isRegularType() && !name.endsWith("/") && !sparse;
    }

    private boolean isRegularType() {
      return type == '0' || type == 0 || type == '7';
    }
  }

  private final InputStream in;
  private final byte[] header = new byte[BLOCK];
  private final byte[] skipBuffer = new byte[64 * 1024];
  private final long maxHeaderBytes;

  /** Bytes of extended headers and entry names read so far, against maxHeaderBytes. */
  private long headerBytes;

  /** Bytes read from the stream so far, and where the header being read begins. */
  private long position;

  private long headerAt;

  /** The entry being read, counted from 1, and the name of the one before it. */
  private long entryNumber = 1;

  private String previousName;

  private boolean inExtendedHeader;

  /** Bytes of the current entry not yet read, and the padding after them to the next block. */
  private long remaining;

  private long padding;

  /** {@code in} should be buffered: headers are read a block at a time. */
  TarStream(InputStream in) {
    this(in, ArchiveLimits.MAX_HEADER_BYTES);
  }

  /** With {@code maxHeaderBytes} in place of {@link ArchiveLimits#MAX_HEADER_BYTES}. */
  TarStream(InputStream in, long maxHeaderBytes) {
    this.in = in;
    this.maxHeaderBytes = maxHeaderBytes;
  }

  /** The next entry, after reading through what is left of this one; null at the end. */
  Entry next() throws IOException {
    discard(remaining + padding);
    remaining = 0;
    padding = 0;
    String longName = null;
    String longLink = null;
    String paxPath = null;
    String paxLink = null;
    long paxSize = -1;
    boolean sparse = false;
    while (true) {
      if (!readHeader()) {
        return null;
      }
      byte type = header[156];
      long size = number(124, 12, "size");
      switch (type) {
        case 'x', 'g' -> {
          byte[] records = extended(size, type == 'x' ? "pax header" : "pax global header");
          if (type == 'g') {
            continue; // defaults for the whole archive: none of them is read here
          }
          int at = 0;
          while (at < records.length) {
            String soFar = paxPath != null ? paxPath : longName; // for a message
            int space = at;
            while (space < records.length && records[space] >= '0' && records[space] <= '9') {
              space++;
            }
            if (space == at || space >= records.length || records[space] != ' ') {
              throw damage(soFar, "its pax header's record at byte " + at + " has no length field");
            }
            // The header is at most maxHeaderBytes long: a length of more digits cannot fit it
            // (and more than 18 would not fit a long).
            int digits = space - at;
            long length =
                digits > 18
                    ? Long.MAX_VALUE
                    : Long.parseLong(new String(records, at, digits, StandardCharsets.US_ASCII));
            if (length < digits + 3
                || length > records.length - at
                || records[(int) (at + length - 1)] != '\n') {
              throw damage(
                  soFar,
                  "the length field of its pax header's record at byte "
                      + at
                      + " is "
                      + (digits > 18 ? "a number of " + digits + " digits" : length)
                      + ", but "
                      + (records.length - at)
                      + " bytes of the header are left");
            }
            String record =
                new String(
                    records, space + 1, (int) (at + length - space - 2), StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals < 0) {
              throw damage(soFar, "its pax header's record at byte " + at + " has no '='");
            }
            String key = record.substring(0, equals);
            String value = record.substring(equals + 1);
            switch (key) {
              case "path" -> paxPath = value;
              case "linkpath" -> paxLink = value;
              case "size" -> paxSize = paxNumber(soFar, value);
              default -> sparse |= key.startsWith("GNU.sparse.");
            }
            at += (int) length;
          }
        }
        case 'L' -> longName = cString(extended(size, "GNU long name"));
        case 'K' -> longLink = cString(extended(size, "GNU long link name"));
        default -> {
          String name = paxPath != null ? paxPath : longName != null ? longName : headerName();
          if (paxPath == null && longName == null) {
            countHeaderBytes(name.length(), name); // a long name was counted as its header
          }
          String link = paxLink != null ? paxLink : longLink != null ? longLink : field(157, 100);
          long entrySize = paxSize >= 0 ? paxSize : size;
          // Links, devices, FIFOs and directories have no data whatever their size field says.
          boolean hasData =
              type != '1'
                  && type != '2'
                  && type != '3'
                  && type != '4'
                  && type != '5'
                  && type != '6';
          if (hasData && entrySize > Long.MAX_VALUE - BLOCK) {
            throw damage(name, "its size field says " + entrySize + " bytes, beyond 2^63");
          }
          remaining = hasData ? entrySize : 0;
          padding = (BLOCK - remaining % BLOCK) % BLOCK;
          entryNumber++;
          previousName = name;
          return new Entry(name, type, entrySize, link, sparse || type == 'S');
        }
      }
    }
  }

  /** Reads up to {@code len} bytes of the current entry; -1 at its end. */
  int read(byte[] b, int off, int len) throws IOException {
    if (remaining == 0) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw endsInside();
    }
    position += n;
    remaining -= n;
    return n;
  }

  /** The whole of the current entry, of {@code size} bytes (its size, checked by the caller). */
  byte[] readAll(int size) throws IOException {
    byte[] bytes = new byte[size];
    int at = 0;
    while (at < size) {
      int n = read(bytes, at, size - at);
      if (n < 0) {
        throw endsInside();
      }
      at += n;
    }
    return bytes;
  }

  /** Reads the next header block; false for the end-of-archive block (all zeros). */
  private boolean readHeader() throws IOException {
    headerAt = position;
    int at = 0;
    while (at < BLOCK) {
      int n = in.read(header, at, BLOCK - at);
      if (n < 0) {
        throw new EOFException(
            (at == 0
                    ? "the archive ends without tar's end-of-archive block"
                    : "the archive ends inside a tar header")
                + ", at byte "
                + (position + at));
      }
      at += n;
    }
    position += BLOCK;
    long unsigned = 0;
    long signed = 0;
    boolean zeros = true;
    for (int i = 0; i < BLOCK; i++) {
      byte b = (i >= 148 && i < 156) ? (byte) ' ' : header[i];
      unsigned += b & 0xff;
      signed += b;
      zeros &= header[i] == 0;
    }
    if (zeros) {
      return false;
    }
    long stored = number(148, 8, "checksum");
    if (stored != unsigned && stored != signed) {
      throw damage(
          null, "its header's checksum field is " + stored + ", its bytes add up to " + unsigned);
    }
    return true;
  }

  /** The name of a header: ustar's prefix and name, or the name alone (v7, GNU). */
  private String headerName() {
    String name = field(0, 100);
    boolean posix =
        header[257] == 'u'
            && header[258] == 's'
            && header[259] == 't'
            && header[260] == 'a'
            && header[261] == 'r'
            && header[262] == 0;
    if (posix) {
      String prefix = field(345, 155);
      if (!prefix.isEmpty()) {
        return prefix + "/" + name;
      }
    }
    return name;
  }

  /** An extended header's data: {@code size} bytes and the padding to the next block. */
  private byte[] extended(long size, String what) throws IOException {
    if (size > ArchiveLimits.MAX_EXTENDED_HEADER_BYTES) {
      throw damage(
          null,
          "its "
              + what
              + " is "
              + size
              + " bytes, above "
              + ArchiveLimits.MAX_EXTENDED_HEADER_BYTES
              + " (ArchiveLimits.MAX_EXTENDED_HEADER_BYTES)");
    }
    countHeaderBytes(size, null);
    remaining = size;
    inExtendedHeader = true;
    byte[] data = readAll((int) size);
    discard((BLOCK - size % BLOCK) % BLOCK);
    inExtendedHeader = false;
    return data;
  }

  /** A NUL-terminated field of the header, as UTF-8. */
  private String field(int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static String cString(byte[] bytes) {
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  /** A numeric field: octal digits between spaces and NULs, or GNU's base-256 (high bit set). */
  private long number(int offset, int length, String what) throws IOException {
    if ((header[offset] & 0x80) != 0) {
      if (header[offset] != (byte) 0x80) {
        throw damage(null, "its header's " + what + " field is negative");
      }
      for (int i = offset + 1; i < offset + length - 8; i++) {
        if (header[i] != 0) {
          throw damage(null, "its header's " + what + " field is beyond 2^63");
        }
      }
      long value = 0;
      for (int i = offset + length - 8; i < offset + length; i++) {
        value = (value << 8) | (header[i] & 0xff);
      }
      if (value < 0) {
        throw damage(null, "its header's " + what + " field is beyond 2^63");
      }
      return value;
    }
    int i = offset;
    int end = offset + length;
    while (i < end && (header[i] == ' ' || header[i] == 0)) {
      i++;
    }
    long value = 0;
    int digits = 0;
    for (; i < end && header[i] >= '0' && header[i] <= '7'; i++, digits++) {
      value = (value << 3) | (header[i] - '0');
    }
    for (; i < end; i++) {
      if (header[i] != ' ' && header[i] != 0) {
        throw damage(
            null,
            "its header's " + what + " field holds byte " + (header[i] & 0xff) + ", not a digit");
      }
    }
    if (digits > 21) {
      throw damage(null, "its header's " + what + " field is beyond 2^63");
    }
    return value;
  }

  private long paxNumber(String soFar, String value) throws IOException {
    try {
      long n = Long.parseLong(value);
      if (n < 0) {
        throw damage(soFar, "its pax header's size is negative: " + value);
      }
      return n;
    } catch (NumberFormatException e) {
      throw damage(
          soFar,
          "its pax header's size is not a number of 18 digits or fewer: '"
              + (value.length() > 40 ? value.substring(0, 40) + "..." : value)
              + "'");
    }
  }

  /** Adds {@code n} bytes of extended header or name; refuses the archive past the bound. */
  private void countHeaderBytes(long n, String soFar) throws ArchiveRefused {
    headerBytes += n;
    if (headerBytes > maxHeaderBytes) {
      throw new ArchiveRefused(
          where(soFar)
              + ": its long names, pax headers and entry names come to more than "
              + maxHeaderBytes
              + " bytes (ArchiveLimits.MAX_HEADER_BYTES); it is not a real checkpoint: checkpoint"
              + " again"
              + CheckpointArchive.raise("MAX_HEADER_BYTES"));
    }
  }

  /** Damage at the entry being read: {@code what} of it, after where it is. */
  private IOException damage(String soFar, String what) {
    return new IOException(where(soFar) + ": " + what);
  }

  private EOFException endsInside() {
    return new EOFException(
        inExtendedHeader
            ? "the archive ends inside an extended header of entry "
                + entryNumber
                + ", at byte "
                + position
            : "the archive ends inside the data of entry "
                + (entryNumber - 1)
                + (previousName == null ? "" : " '" + clip(previousName) + "'")
                + ", at byte "
                + position);
  }

  /**
   * The entry being read, e.g. {@code entry 3 (its header at byte 1536, named 'x' so far)}: its
   * number, where the header being read begins, and its name as far as extended headers gave it.
   */
  private String where(String soFar) {
    return "entry "
        + entryNumber
        + " (its header at byte "
        + headerAt
        + (soFar != null ? ", named '" + clip(soFar) + "' so far" : "")
        + ")";
  }

  /** A name as a message shows it: at most 200 chars, so a long hostile one cannot flood it. */
  private static String clip(String name) {
    return name.length() > 200 ? name.substring(0, 200) + "..." : name;
  }

  /** Reads and drops {@code n} bytes: read, never skipped, so the stream's limits see them. */
  private void discard(long n) throws IOException {
    while (n > 0) {
      int r = in.read(skipBuffer, 0, (int) Math.min(skipBuffer.length, n));
      if (r < 0) {
        throw endsInside();
      }
      position += r;
      n -= r;
    }
  }
}
