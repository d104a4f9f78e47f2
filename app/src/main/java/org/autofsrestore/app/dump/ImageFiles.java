package org.autofsrestore.app.dump;

import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.autofsrestore.app.io.UntrustedFile;
import org.autofsrestore.image.ImageFormatException;
import org.autofsrestore.image.ImageLimits;
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
    return ImageReader.of(file, type, content != null ? content : readOnDisk(file));
  }

  /**
   * The bytes of an image file on disk, opened as {@link UntrustedFile} (no symlink, non-blocking,
   * a regular file only): a dump directory may be written by the container whose processes it
   * holds, and a FIFO swapped in for an image must not hang the tool.
   *
   * @throws ImageFormatException when it is not a regular file, or above the image limit
   */
  static byte[] readOnDisk(Path file) throws IOException {
    try (UntrustedFile f = UntrustedFile.open(file)) {
      return f.readAll(ImageLimits.MAX_FILE_BYTES);
    } catch (UntrustedFile.Refused r) {
      if (r.problem() == UntrustedFile.Problem.TOO_LARGE) {
        throw new ImageFormatException(
            file,
            0,
            ImageFormatException.Kind.TOO_LARGE,
            "file is "
                + r.what()
                + ", above the image limit of "
                + ImageLimits.MAX_FILE_BYTES
                + " (MAX_FILE_BYTES)");
      }
      throw new ImageFormatException(
          file,
          0,
          ImageFormatException.Kind.NOT_A_FILE,
          "not a regular file ("
              + r.what()
              + "): refused, nothing read from it; a CRIU image is a regular file");
    }
  }

  /** The first record of {@code file}, an image that holds one (inventory, ids, core). */
  default <M extends MessageLite> M readOne(Path file, ImageType<M> type) throws IOException {
    return open(file, type).first();
  }
}
