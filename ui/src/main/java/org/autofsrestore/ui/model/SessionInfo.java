package org.autofsrestore.ui.model;

/**
 * What the header and the help overlay say about this session: the dump directory, the restore root
 * ({@code --root}), the owner mode, whether the session runs in a sandbox (a private mount
 * namespace on a fresh tmpfs root), and the log file's path.
 */
public record SessionInfo(
    String dumpDirectory,
    String restoreRoot,
    OwnerMode ownerMode,
    boolean sandbox,
    String logFile) {}
