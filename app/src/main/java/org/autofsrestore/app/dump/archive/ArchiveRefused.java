package org.autofsrestore.app.dump.archive;

import java.io.IOException;

/** A bound of {@link org.autofsrestore.app.dump.ArchiveLimits} was reached while reading. */
final class ArchiveRefused extends IOException {
  private static final long serialVersionUID = 1L;

  ArchiveRefused(String message) {
    super(message);
  }
}
