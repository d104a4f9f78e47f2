package org.autofsrestore.app.dump;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Brings an image file of a dump into its directory just before it is read. A dump directory has
 * them all ({@link #ON_DISK}); a checkpoint archive's reader holds each task's images (core, ids,
 * fdinfo: most of a large dump's files, few of which an inspection opens) in memory, and writes one
 * only when it is asked for.
 */
@FunctionalInterface
public interface ImageFiles {
  /** Every image is in the directory already. */
  ImageFiles ON_DISK = file -> {};

  /** Makes {@code file} (in the dump's directory) exist when the dump holds it. */
  void ensure(Path file) throws IOException;
}
