package org.autofsrestore.image;

/**
 * Bounds that keep a damaged or hostile image from exhausting the machine. A length field above one
 * of these is reported as a format error naming the limit; it is never allocated.
 */
public final class ImageLimits {
  /** No record of the types this tool reads comes near this; CRIU's largest are a few KiB. */
  public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

  /** An image file larger than this is refused before it is read. */
  public static final long MAX_FILE_BYTES = 1024L * 1024 * 1024;

  private ImageLimits() {}
}
