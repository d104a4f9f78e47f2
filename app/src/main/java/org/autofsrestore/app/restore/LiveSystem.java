package org.autofsrestore.app.restore;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the plan's pre-flight checks ask of the live system. Reading it changes nothing; the real
 * one looks at /proc and the file system, and tests give a fixed snapshot.
 */
public interface LiveSystem {
  /** What is at a path, without following a symlink there. */
  enum PathKind {
    DIRECTORY,
    SYMLINK,
    OTHER,
    MISSING
  }

  /** Whether this process has CAP_SYS_ADMIN (mount and most autofs ioctls need it). */
  boolean hasCapSysAdmin();

  /** The /dev/autofs control device's version ("1.1"), or empty when it is missing. */
  Optional<String> devAutofsVersion();

  PathKind kindOf(Path path);

  /** Whether an autofs file system is mounted at exactly this path now. */
  boolean isAutofsMountpoint(Path path);

  /** Whether any file system is mounted at exactly this path now. */
  default boolean isMountpoint(Path path) {
    return isAutofsMountpoint(path);
  }

  /** How many entries (other than "." and "..") the directory at this path has; 0 if none. */
  default int entries(Path path) {
    return 0;
  }
}
