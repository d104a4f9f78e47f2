package org.autofsrestore.app.dump;

import java.nio.file.Path;

/**
 * The dump cannot be read as a whole: not a CRIU image directory, or its process tree or mount
 * table is missing or damaged. The message names the file and says what to do.
 */
public final class DumpUnreadableException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public DumpUnreadableException(Path file, String message) {
    super(message);
    this.file = file;
  }

  public DumpUnreadableException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
