package org.autofsrestore.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The four ways issue 8 names for a dump's mount point to lead a restore out of {@code --root},
 * plus a symlink as the target itself: each a crafted dump (the {@code indirect} fixture, whose
 * autofs mount is {@code /srv/auto-a}) and a {@code --root} laid out to match, with a directory
 * {@code outside} beside the root where each would land if it were followed.
 */
public final class HostileRoots {
  private HostileRoots() {}

  /** One hostile case and the finding code that must refuse it. */
  public enum Case {
    /** The mount point climbs out with {@code ..}: /srv/../../outside/auto-a. */
    DOT_DOT("path-escapes-root"),
    /** R/srv is a symlink to the absolute path of the outside directory. */
    ABSOLUTE_SYMLINK("target-through-symlink"),
    /** R/srv is a symlink {@code ../outside}: relative, and it climbs out. */
    RELATIVE_SYMLINK("target-through-symlink"),
    /** R/srv is a regular file. */
    FILE_IN_THE_WAY("target-not-directory"),
    /** R/srv/auto-a, the target itself, is a symlink to the outside directory. */
    SYMLINK_AS_TARGET("target-through-symlink");

    private final String code;

    Case(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** A prepared case: the dump, the root, and the directory outside it. */
  public record Setup(Path dump, Path root, Path outside) {}

  /** Lays out {@code tmp/dump}, {@code tmp/root} and {@code tmp/outside} for {@code c}. */
  public static Setup prepare(Case c, Path tmp) throws IOException {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path dump = tmp.resolve("dump");
    switch (c) {
      case DOT_DOT -> {
        CraftedDumps.withMountpoint("indirect", dump, "/srv/auto-a", "/srv/../../outside/auto-a");
        Files.createDirectory(root.resolve("srv"));
        Files.createDirectory(outside.resolve("auto-a"));
      }
      case ABSOLUTE_SYMLINK -> {
        CraftedDumps.copy("indirect", dump);
        Files.createSymbolicLink(root.resolve("srv"), outside.toAbsolutePath());
      }
      case RELATIVE_SYMLINK -> {
        CraftedDumps.copy("indirect", dump);
        Files.createSymbolicLink(root.resolve("srv"), Path.of("../outside"));
      }
      case FILE_IN_THE_WAY -> {
        CraftedDumps.copy("indirect", dump);
        Files.writeString(root.resolve("srv"), "a file, not a directory\n");
      }
      case SYMLINK_AS_TARGET -> {
        CraftedDumps.copy("indirect", dump);
        Files.createDirectory(root.resolve("srv"));
        Files.createSymbolicLink(root.resolve("srv/auto-a"), outside.toAbsolutePath());
      }
    }
    return new Setup(dump, root, outside);
  }

  /**
   * Every path under {@code dir} (symlinks not followed) with what it is: a directory, a file, or a
   * symlink and its target.
   */
  public static Map<String, String> listing(Path dir) {
    Map<String, String> listing = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.toList()) {
        String kind;
        if (Files.isSymbolicLink(p)) {
          kind = "symlink -> " + Files.readSymbolicLink(p);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          kind = "directory";
        } else {
          kind = "file of " + Files.size(p) + " bytes";
        }
        listing.put(dir.relativize(p).toString(), kind);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return listing;
  }
}
