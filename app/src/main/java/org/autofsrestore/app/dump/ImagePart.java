package org.autofsrestore.app.dump;

import java.nio.file.Path;
import java.util.Optional;
import org.autofsrestore.image.ImageFormatException;

/**
 * What reading one per-mount or per-process image gave: its content, the fact that the file is
 * absent, or the damage found in it. A damaged part concerns one mount; the rest of the dump is
 * still read.
 *
 * @param <T> the content
 */
public sealed interface ImagePart<T> {
  /** The image file this part came from (or would have). */
  Path file();

  /** The content when it was read. */
  default Optional<T> value() {
    return this instanceof Found<T> found ? Optional.of(found.content()) : Optional.empty();
  }

  record Found<T>(Path file, T content) implements ImagePart<T> {}

  record Missing<T>(Path file) implements ImagePart<T> {}

  record Damaged<T>(Path file, ImageFormatException problem) implements ImagePart<T> {}
}
