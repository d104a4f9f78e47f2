package org.autofsrestore.app.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.autofsrestore.image.ImageReader;
import org.autofsrestore.image.ImageType;
import org.autofsrestore.image.ImageWriter;
import org.autofsrestore.proto.MntEntry;
import org.autofsrestore.testkit.Fixtures;

/**
 * Hostile dumps made from the fixtures: a copy of a fixture's image directory whose
 * mountpoints-N.img is rewritten with {@link ImageWriter}.
 */
public final class CraftedDumps {
  private CraftedDumps() {}

  /** A copy of {@code fixture} in {@code into} (created), every file writable. */
  public static Path copy(String fixture, Path into) throws IOException {
    Files.createDirectories(into);
    try (Stream<Path> files = Files.list(Fixtures.dir(fixture))) {
      for (Path f : files.toList()) {
        Path copy = into.resolve(f.getFileName());
        Files.copy(f, copy);
        copy.toFile().setWritable(true);
      }
    }
    return into;
  }

  /** A copy of {@code fixture} whose mount at {@code mountpoint} is mounted at {@code newPoint}. */
  public static Path withMountpoint(String fixture, Path into, String mountpoint, String newPoint)
      throws IOException {
    Path dir = copy(fixture, into);
    rewriteMounts(
        dir,
        m ->
            m.getMountpoint().equals(mountpoint)
                ? m.toBuilder().setMountpoint(newPoint).build()
                : m);
    return dir;
  }

  /** Rewrites every mountpoints-N.img of {@code dir}, record by record. */
  public static void rewriteMounts(Path dir, UnaryOperator<MntEntry> change) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (f.getFileName().toString().matches("mountpoints-\\d+\\.img")) {
          List<MntEntry> mounts = new ArrayList<>();
          for (MntEntry m : ImageReader.readAll(f, ImageType.MNTS)) {
            mounts.add(change.apply(m));
          }
          Files.delete(f);
          ImageWriter.write(f, ImageType.MNTS, mounts);
        }
      }
    }
  }

  /** Writes {@code mounts} as the only mount table of {@code dir} (mountpoints-10.img). */
  public static void replaceMounts(Path dir, List<MntEntry> mounts) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (f.getFileName().toString().matches("mountpoints-\\d+\\.img")) {
          Files.delete(f);
        }
      }
    }
    ImageWriter.write(dir.resolve("mountpoints-10.img"), ImageType.MNTS, mounts);
  }
}
