package org.autofsrestore.app.dump;

import org.autofsrestore.image.ImageLimits;

/**
 * Bounds on what a checkpoint archive may hold (see {@link
 * org.autofsrestore.app.dump.archive.CheckpointArchive}), beside {@link DumpLimits}: an archive
 * comes from anywhere and is read as root, so a hostile one must not fill the disk, the memory or
 * the time of the machine. Each bound is checked while the archive is read, before the bytes past
 * it exist; an archive past one is refused as unreadable with an error naming the limit.
 */
public final class ArchiveLimits {
  /**
   * Entries in the archive, kept or skipped: a checkpoint holds a few images per task, and tasks
   * are bounded by {@link DumpLimits#MAX_TASKS}; a million is far more than any container has.
   */
  public static final int MAX_ENTRIES = 1_000_000;

  /**
   * Bytes of one kept image: the most the image reader reads ({@link ImageLimits#MAX_FILE_BYTES}).
   */
  public static final long MAX_ENTRY_BYTES = ImageLimits.MAX_FILE_BYTES;

  /** Bytes of config.dump or spec.dump: a few KiB in a real archive; both are read into memory. */
  public static final int MAX_METADATA_BYTES = 16 * 1024 * 1024;

  /** Bytes of all kept entries together, held in memory or written to the private directory. */
  public static final long MAX_KEPT_BYTES = 4L * 1024 * 1024 * 1024;

  /**
   * Bytes of kept images held in memory, where the loader reads them; the images past it are
   * written to the private directory and read from there. A 10,000-mount dump keeps a few MiB.
   */
  public static final long MAX_HELD_BYTES = 256L * 1024 * 1024;

  /**
   * Decompressed bytes per compressed byte, over the whole stream so far. DEFLATE cannot pass 1032;
   * CRIU leaves zero pages out of its images, so real checkpoints compress a few times, not a
   * thousand. zstd and xz can pass it (a stream of zeros), which is what a bomb is.
   */
  public static final int MAX_EXPANSION_RATIO = 1000;

  /** The ratio is checked once this many bytes are decompressed: tiny streams vary too much. */
  public static final long RATIO_FLOOR_BYTES = 1024 * 1024;

  /**
   * Bytes of the decompressed stream as a whole, skipped entries (memory pages, the root file
   * system's diff) included: they are read through, never stored, but each costs time.
   */
  public static final long MAX_STREAM_BYTES = 256L * 1024 * 1024 * 1024;

  /**
   * Bytes of one extended header: a pax header (records for one entry: path, link, size, times,
   * xattrs) or a GNU long name or link. A path is at most PATH_MAX (4096 bytes); a larger header is
   * damage, not a long name. Not overridable: no real archive comes near it.
   */
  public static final int MAX_EXTENDED_HEADER_BYTES = 1024 * 1024;

  /**
   * Bytes of all extended headers (pax, pax global, GNU long names and links) and entry names of
   * the archive together. Each is parsed, and every entry's name is kept to refuse one that
   * repeats, so without this bound a million entries of 1 MiB long names would be a terabyte to
   * parse and a heap to hold. The pax tar of the generated 10,000-mount dump (bench/run group f,
   * Python tarfile's pax format, 15,506 entries) has 0.75 MiB of them: 374,763 bytes of names and
   * 409,514 of pax headers (counted 2026-12-08). 64 MiB is 85 times that.
   */
  public static final long MAX_HEADER_BYTES = 64L * 1024 * 1024;

  /** The property that overrides a limit: {@code autofs.restore.archive.} and its name. */
  public static final String PROPERTY_PREFIX = "autofs.restore.archive.";

  private ArchiveLimits() {}

  /**
   * The limit {@code name} in force: its system property when set to a positive number, else {@code
   * standard} (the constant of that name).
   */
  public static long of(String name, long standard) {
    String value = System.getProperty(PROPERTY_PREFIX + name);
    if (value == null) {
      return standard;
    }
    try {
      long parsed = Long.parseLong(value.strip());
      return parsed > 0 ? parsed : standard;
    } catch (NumberFormatException e) {
      return standard;
    }
  }
}
