package org.autofsrestore.image;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Reads chosen fields of one protobuf record straight from its bytes, with protobuf-java's {@link
 * CodedInputStream}, without building the message: for the big tables (a dump's mount tables, its
 * process tree, its open files), where building every message and every string costs more than the
 * rest of an inspection. Numbers are kept as they came; a string or sub-message is kept as where
 * its bytes are, decoded by whoever needs it.
 *
 * <p>A scan takes only the plain case: each chosen field in its declared wire type, every other
 * field skipped as the generated parser skips an unknown one, and every required field present.
 * Then the generated parser would decode the record, and the values here are the ones it would give
 * (the last of a repeated scalar, as protobuf does). Anything else (a malformed record, a missing
 * required field, a chosen field in another wire type, a group) makes {@link #scan} return false,
 * and the caller decodes that record with the generated parser ({@link
 * ImageReader#decodeRecord()}), which gives either the message or the exact error.
 *
 * <p>Chosen sub-messages are not looked into: a record whose sub-message is damaged scans, and the
 * damage is found when the record is decoded in full.
 *
 * <p>One instance holds the last record scanned: it is a cursor, for one thread.
 */
public final class FieldScan {
  /** How a chosen field is read. */
  public enum Kind {
    /** A varint scalar (int32, uint32, uint64, bool, enum): its value. */
    VARINT,
    /** A string, bytes or sub-message: where its bytes are. */
    BYTES,
    /** A repeated varint scalar, packed or not: how many values. */
    REPEATED_VARINT
  }

  private final Kind[] kinds;
  private final long required;
  private final long[] values;
  private final int[] starts;
  private final int[] lengths;
  private final int[] counts;
  private long seen;
  private CodedInputStream stream;
  private byte[] streamBytes;
  private int streamBase;

  private FieldScan(Kind[] kinds, long required) {
    this.kinds = kinds;
    this.required = required;
    this.values = new long[kinds.length];
    this.starts = new int[kinds.length];
    this.lengths = new int[kinds.length];
    this.counts = new int[kinds.length];
  }

  /** A scan of no field yet; {@link #field} chooses them. Field numbers are at most 63. */
  public static FieldScan of() {
    return new FieldScan(new Kind[0], 0);
  }

  /** This scan with field {@code number} read as {@code kind}; {@code required} as proto2 says. */
  public FieldScan field(int number, Kind kind, boolean required) {
    if (number < 1 || number > 63) {
      throw new IllegalArgumentException("field number " + number + " is not in 1..63");
    }
    Kind[] more = java.util.Arrays.copyOf(kinds, Math.max(kinds.length, number + 1));
    more[number] = kind;
    return new FieldScan(more, required ? this.required | 1L << number : this.required);
  }

  /**
   * Reads the record of {@code length} bytes at {@code offset} of {@code bytes}. Returns false when
   * the record is not the plain case this scan takes; decode it with the generated parser then.
   */
  public boolean scan(byte[] bytes, int offset, int length) {
    seen = 0;
    for (int i = 0; i < counts.length; i++) {
      values[i] = 0;
      counts[i] = 0;
      starts[i] = 0;
      lengths[i] = 0;
    }
    CodedInputStream in = positionedAt(bytes, offset);
    try {
      int limit = in.pushLimit(length);
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        int number = WireFormat.getTagFieldNumber(tag);
        int wireType = WireFormat.getTagWireType(tag);
        Kind kind = number < kinds.length ? kinds[number] : null;
        if (kind == null) {
          if (wireType == WireFormat.WIRETYPE_START_GROUP
              || wireType == WireFormat.WIRETYPE_END_GROUP) {
            stream = null;
            return false; // groups: the generated parser's own rules (nesting, end tags) decide
          }
          in.skipField(tag);
          continue;
        }
        if (!read(in, number, kind, wireType)) {
          stream = null;
          return false;
        }
        seen |= 1L << number;
      }
      in.popLimit(limit);
    } catch (IOException e) {
      stream = null;
      return false; // malformed: the generated parser names what is wrong
    }
    return (seen & required) == required;
  }

  /**
   * A stream at {@code offset} of {@code bytes}: the one left after the previous record when the
   * records are scanned in order, as a table's are (one stream for a whole file costs less than one
   * per record), else a new one.
   */
  private CodedInputStream positionedAt(byte[] bytes, int offset) {
    CodedInputStream in = stream;
    if (in != null && streamBytes == bytes) {
      int at = streamBase + in.getTotalBytesRead();
      if (offset >= at) {
        try {
          in.skipRawBytes(offset - at); // the next record's length header
          return in;
        } catch (IOException e) {
          // past the end: start again below
        }
      }
    }
    in = CodedInputStream.newInstance(bytes, offset, bytes.length - offset);
    stream = in;
    streamBytes = bytes;
    streamBase = offset;
    return in;
  }

  private boolean read(CodedInputStream in, int number, Kind kind, int wireType)
      throws IOException {
    switch (kind) {
      case VARINT -> {
        if (wireType != WireFormat.WIRETYPE_VARINT) {
          return false;
        }
        values[number] = in.readRawVarint64();
      }
      case BYTES -> {
        if (wireType != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          return false;
        }
        int size = in.readRawVarint32();
        starts[number] = streamBase + in.getTotalBytesRead();
        lengths[number] = size;
        in.skipRawBytes(size); // refuses a negative size or one past the record's end
      }
      case REPEATED_VARINT -> {
        if (wireType == WireFormat.WIRETYPE_VARINT) {
          values[number] = in.readRawVarint64();
          counts[number]++;
        } else if (wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          int limit = in.pushLimit(in.readRawVarint32());
          while (in.getBytesUntilLimit() > 0) {
            values[number] = in.readRawVarint64();
            counts[number]++;
          }
          in.popLimit(limit);
        } else {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether the last record scanned holds field {@code number}. */
  public boolean has(int number) {
    return (seen & 1L << number) != 0;
  }

  /** A varint field's value as uint32/int32/enum read it (its low 32 bits); 0 when absent. */
  public int int32(int number) {
    return (int) values[number];
  }

  /** Where a {@link Kind#BYTES} field's bytes start, in the array scanned. */
  public int start(int number) {
    return starts[number];
  }

  /** How many bytes a {@link Kind#BYTES} field holds; 0 when absent. */
  public int length(int number) {
    return lengths[number];
  }

  /** How many values a {@link Kind#REPEATED_VARINT} field holds. */
  public int count(int number) {
    return counts[number];
  }
}
