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

  /**
   * Records in one image file. 4,194,304 is PID_MAX_LIMIT on 64-bit Linux: pstree.img holds one
   * record per task, so no real one has more, and a fd table (fdinfo-N.img) is bounded lower still
   * by fs.nr_open (at most 1,048,576). A file of empty records ({@code 00 00 00 00} repeated) would
   * otherwise make a quarter of a billion messages out of 1 GiB.
   */
  public static final int MAX_RECORDS = 4 * 1024 * 1024;

  private ImageLimits() {}
}
