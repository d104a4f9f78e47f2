package org.autofsrestore.image;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A CRIU image file that cannot be read as the format says. It names the file, the byte offset
 * where reading stopped and what was wrong there, so an operator can find the damage.
 */
public final class ImageFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What kind of damage; stable names for scripts and diagnostics. */
  public enum Kind {
    /** The file ends inside a header or a record. */
    TRUNCATED("truncated"),
    /** The magic numbers at the start are not the expected ones. */
    BAD_MAGIC("bad-magic"),
    /** A record or the file is larger than a sane image allows. */
    TOO_LARGE("too-large"),
    /** A record's bytes are not a valid protobuf message of the expected type. */
    UNDECODABLE("undecodable"),
    /** The file should hold at least one record and holds none. */
    EMPTY("empty"),
    /** Not a regular file: a FIFO, a device or a directory, which reading could hang on. */
    NOT_A_FILE("not-a-file");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final transient Path file;
  private final long offset;
  private final Kind kind;
  private final String detail;

  public ImageFormatException(Path file, long offset, Kind kind, String detail) {
    super(file.getFileName() + " at byte " + offset + ": " + detail);
    this.file = file;
    this.offset = offset;
    this.kind = kind;
    this.detail = detail;
  }

  public Path file() {
    return file;
  }

  public long offset() {
    return offset;
  }

  public Kind kind() {
    return kind;
  }

  /** The problem without the file and offset, e.g. "length header says 13 bytes, 6 present". */
  public String detail() {
    return detail;
  }
}
