package org.autofsrestore.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared CRIU image fixtures: ../shared/fixtures beside the project. */
final class Fixtures {
  static final Path ROOT = locate();

  private Fixtures() {}

  private static Path locate() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("../shared/fixtures").normalize();
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no ../shared/fixtures above " + dir);
  }

  /** Every image directory among the fixtures (crit-json excluded). */
  static List<Path> imageDirectories() {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> !d.getFileName().toString().equals("crit-json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON crit show printed for {@code image} (FILE.img -> crit-json/DIR/FILE.json). */
  static Path critJson(Path image) {
    String name = image.getFileName().toString().replaceFirst("\\.img$", ".json");
    return ROOT.resolve("crit-json").resolve(image.getParent().getFileName()).resolve(name);
  }
}
