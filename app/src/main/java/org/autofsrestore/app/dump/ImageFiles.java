package org.autofsrestore.app.dump;

import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.autofsrestore.image.ImageReader;
import org.autofsrestore.image.ImageType;

/**
 * Where a dump's image files are read from. A dump directory has them all on disk ({@link
 * #ON_DISK}); a checkpoint archive's reader holds the images it kept in memory (see {@code
 * archive.HeldImages}), so that none is written out: creating a file on a disk-backed /tmp costs
 * about a millisecond (measured here: 0.3 to 1.3 ms on ext4, 15 us on tmpfs), and an inspection of
 * a 10,000-mount dump opens some 2,000 of them.
 */
public interface ImageFiles {
  /** Every image is in the directory, nothing is held. */
  ImageFiles ON_DISK =
      new ImageFiles() {
        @Override
        public byte[] held(Path file) {
          return null;
        }

        @Override
        public Collection<String> heldNames() {
          return List.of();
        }
      };

  /**
   * The content of {@code file} (a file of the dump's directory) when it is held in memory; null
   * when it is to be read from the directory. The array is shared: callers do not change it.
   */
  byte[] held(Path file);

  /** The names of the images held in memory, besides those the directory lists. */
  Collection<String> heldNames();

  /** Opens {@code file} as an image of {@code type}, from memory when it is held there. */
  default <M extends MessageLite> ImageReader<M> open(Path file, ImageType<M> type)
      throws IOException {
    byte[] content = held(file);
    return content == null ? ImageReader.open(file, type) : ImageReader.of(file, type, content);
  }

  /** The first record of {@code file}, an image that holds one (inventory, ids, core). */
  default <M extends MessageLite> M readOne(Path file, ImageType<M> type) throws IOException {
    return open(file, type).first();
  }
}
