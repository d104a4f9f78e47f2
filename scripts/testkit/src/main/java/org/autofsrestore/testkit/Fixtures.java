package org.autofsrestore.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The CRIU image fixtures of this repository (scripts/testkit/fixtures, see its README): one image
 * directory per scenario, its {@code NAME.expected.json} beside it, and {@code crit-json/} with
 * what {@code crit show} printed for each image. The build writes the folder's place into the kit's
 * {@code testkit.properties}, so a test finds it from any module and any working directory; the
 * system property {@value #PROPERTY} overrides it.
 */
public final class Fixtures {
  /** The system property that, when set, names the fixtures folder instead. */
  public static final String PROPERTY = "autofs.restore.fixtures";

  private static Path root;

  private Fixtures() {}

  /** The fixtures folder; a test fails here, saying why, if the kit was built without it. */
  public static synchronized Path root() {
    if (root == null) {
      root = locate();
    }
    return root;
  }

  private static Path locate() {
    String override = System.getProperty(PROPERTY);
    Path dir = override != null ? Path.of(override) : Path.of(builtIn());
    if (!Files.isDirectory(dir)) {
      throw new AssertionError(
          "the test fixtures folder "
              + dir
              + " does not exist: rebuild the testkit module (mvn -pl scripts/testkit install)"
              + " or set -D"
              + PROPERTY);
    }
    return dir;
  }

  private static String builtIn() {
    Properties p = new Properties();
    try (InputStream in = Fixtures.class.getResourceAsStream("testkit.properties")) {
      if (in == null) {
        throw new AssertionError("the testkit jar lacks testkit.properties");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the testkit's testkit.properties", e);
    }
    return p.getProperty("fixtures");
  }

  /** The image directory of one scenario, e.g. {@code multi}. */
  public static Path dir(String name) {
    return root().resolve(name);
  }

  /** What a correct reader must find in the scenario {@code name} ({@code NAME.expected.json}). */
  public static Path expectedJson(String name) {
    return root().resolve(name + ".expected.json");
  }

  /** The CRIU logs captured from real runs, one folder per scenario ({@code criu-logs/NAME}). */
  public static Path criuLogs() {
    return root().resolve("criu-logs");
  }

  /**
   * Every image directory among the fixtures (crit-json and criu-logs excluded), sorted by name.
   */
  public static List<Path> imageDirectories() {
    try (Stream<Path> dirs = Files.list(root())) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> !d.getFileName().toString().equals("crit-json"))
          .filter(d -> !d.getFileName().toString().equals("criu-logs"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the fixtures in " + root(), e);
    }
  }

  /** Names of the scenarios that have a {@code NAME.expected.json}, sorted. */
  public static List<String> withExpectations() {
    try (Stream<Path> files = Files.list(root())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".expected.json"))
          .map(n -> n.substring(0, n.length() - ".expected.json".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the fixtures in " + root(), e);
    }
  }

  /** The JSON crit show printed for {@code image} (DIR/FILE.img -> crit-json/DIR/FILE.json). */
  public static Path critJson(Path image) {
    String name = image.getFileName().toString().replaceFirst("\\.img$", ".json");
    return root().resolve("crit-json").resolve(image.getParent().getFileName()).resolve(name);
  }
}
