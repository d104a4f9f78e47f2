package org.autofsrestore.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared CRIU image fixtures: ../shared/fixtures beside the project. */
public final class Fixtures {
  public static final Path ROOT = locate();

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

  public static Path dir(String name) {
    return ROOT.resolve(name);
  }

  /** Names of the fixture folders that have an expected.json. */
  public static List<String> withExpectations() {
    try (Stream<Path> files = Files.list(ROOT)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".expected.json"))
          .map(n -> n.substring(0, n.length() - ".expected.json".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
