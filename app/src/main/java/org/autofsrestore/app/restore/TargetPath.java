package org.autofsrestore.app.restore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;

/**
 * A mount point from the dump placed under {@code --root}, resolved one component at a time without
 * following symlinks, so that nothing a dump says can make the restore act outside the root: {@code
 * ..}, a symlink (absolute or relative) and a non-directory in the way are refused.
 *
 * @param target root joined with the mount point
 * @param missing the directories that do not exist yet, outermost first
 */
record TargetPath(Path target, List<Path> missing) {
  /** PATH_MAX is 4096 bytes with the terminating NUL: the longest path mount(2) and mkdir take. */
  static final int MAX_PATH_BYTES = 4095;

  /** NAME_MAX: the longest name one directory entry can have. */
  static final int MAX_COMPONENT_BYTES = 255;

  /**
   * Root joined with the mount point as written, for showing a target that {@link #resolve}
   * refused. A NUL byte, which no path can hold, is shown as {@code \0}.
   */
  static Path lexicalTarget(Path root, String mountpoint) {
    Path target = root;
    for (String c : mountpoint.split("/")) {
      if (!c.isEmpty()) {
        target = target.resolve(c.replace("\0", "\\0"));
      }
    }
    return target;
  }

  /** Whether a name is one path component with no special meaning. */
  static boolean isPlainName(String c) {
    return !c.isEmpty()
        && !c.equals(".")
        && !c.equals("..")
        && c.indexOf('/') < 0
        && c.indexOf('\0') < 0;
  }

  /** Resolves the target, or adds the finding that refuses it and returns empty. */
  static Optional<TargetPath> resolve(
      Path root, String mountpoint, LiveSystem live, List<Finding> findings) {
    if (mountpoint.indexOf('\0') >= 0) {
      findings.add(escapes(mountpoint, "it holds a NUL byte, which no path can"));
      return Optional.empty();
    }
    if (!mountpoint.startsWith("/")) {
      findings.add(escapes(mountpoint, "it is not an absolute path"));
      return Optional.empty();
    }
    if (mountpoint.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      findings.add(escapes(mountpoint, "it is longer than PATH_MAX (4096 bytes)"));
      return Optional.empty();
    }
    int targetBytes =
        lexicalTarget(root, mountpoint)
            .toString()
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)
            .length;
    if (targetBytes > MAX_PATH_BYTES) {
      findings.add(
          escapes(
              mountpoint,
              "under --root "
                  + root
                  + " its target is "
                  + targetBytes
                  + " bytes, longer than PATH_MAX (4096 bytes with the NUL)"));
      return Optional.empty();
    }
    Path current = root;
    List<Path> missing = new ArrayList<>();
    for (String c : mountpoint.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        findings.add(escapes(mountpoint, "it has a '..' component"));
        return Optional.empty();
      }
      if (c.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_COMPONENT_BYTES) {
        findings.add(escapes(mountpoint, "a component is longer than NAME_MAX (255 bytes)"));
        return Optional.empty();
      }
      current = current.resolve(c);
      if (!missing.isEmpty()) {
        missing.add(current);
        continue;
      }
      switch (live.kindOf(current)) {
        case DIRECTORY -> {}
        case MISSING -> missing.add(current);
        case SYMLINK -> {
          findings.add(FindingCode.TARGET_THROUGH_SYMLINK.at(mountpoint, current.toString()));
          return Optional.empty();
        }
        case OTHER -> {
          findings.add(FindingCode.TARGET_NOT_DIRECTORY.at(mountpoint, current.toString()));
          return Optional.empty();
        }
      }
    }
    return Optional.of(new TargetPath(current, List.copyOf(missing)));
  }

  private static Finding escapes(String mountpoint, String why) {
    return FindingCode.PATH_ESCAPES_ROOT.at(mountpoint, mountpoint, why);
  }
}
