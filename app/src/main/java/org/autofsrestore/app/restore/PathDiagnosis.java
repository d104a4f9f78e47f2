package org.autofsrestore.app.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Names the component of a path under the root that stopped a held-fd walk, and what it is now: a
 * symlink (and where it points), a file, or nothing. Only reads, for the message: nothing acts on
 * its answer, so a race with it changes only the words.
 */
final class PathDiagnosis {
  private PathDiagnosis() {}

  static String describe(Path root, Path path) {
    if (!path.startsWith(root)) {
      return path + " is not under the root " + root;
    }
    Path at = root;
    for (Path part : root.relativize(path)) {
      at = at.resolve(part);
      try {
        BasicFileAttributes a =
            Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) {
          String to;
          try {
            to = String.valueOf(Files.readSymbolicLink(at));
          } catch (IOException e) {
            to = "?";
          }
          return "the component " + at + " is now a symlink (to " + to + "), never followed";
        }
        if (!a.isDirectory()) {
          return "the component " + at + " is now a file, not a directory";
        }
      } catch (IOException e) {
        return "the component " + at + " is missing now";
      }
    }
    return "every component of "
        + path
        + " is a directory now (it changed back, or a mount"
        + " point is in the way)";
  }

  /** The sentence of a refused walk: which component, what it became, and what to do. */
  static String refusal(Path root, Path target) {
    return describe(root, target)
        + ": refused, nothing done outside the root. Action: check what changed "
        + target
        + " under the root; restore again when it is a directory.";
  }
}
