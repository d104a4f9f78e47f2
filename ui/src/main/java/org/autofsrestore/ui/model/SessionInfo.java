package org.autofsrestore.ui.model;

/**
 * What the header and the help overlay say about this session: the dump directory, the restore root
 * ({@code --root}), the owner mode, whether the session runs in a sandbox (a private mount
 * namespace on a fresh tmpfs root), the log file's path, and the container the dump was taken of
 * (one line, empty when the dump does not say: a dump directory).
 */
public record SessionInfo(
    String dumpDirectory,
    String restoreRoot,
    OwnerMode ownerMode,
    boolean sandbox,
    String logFile,
    String container) {

  /** A session on a dump that names no container. */
  public SessionInfo(
      String dumpDirectory,
      String restoreRoot,
      OwnerMode ownerMode,
      boolean sandbox,
      String logFile) {
    this(dumpDirectory, restoreRoot, ownerMode, sandbox, logFile, "");
  }
}
