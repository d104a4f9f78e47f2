package org.autofsrestore.app.autofs;

/** The stable codes of findings: scripts match on {@link #code()}, which never changes meaning. */
public enum FindingCode {
  AUTOFS_IMAGE_MISSING("autofs-image-missing", Severity.ERROR),
  AUTOFS_IMAGE_EMPTY("autofs-image-empty", Severity.ERROR),
  AUTOFS_IMAGE_DAMAGED("autofs-image-damaged", Severity.ERROR),
  OWNER_NOT_IN_DUMP("owner-not-in-dump", Severity.ERROR),
  OWNER_FILES_UNREADABLE("owner-files-unreadable", Severity.ERROR),
  OWNER_FOUND_BY_PIPE_INO("owner-found-by-pipe-ino", Severity.WARNING),
  PIPE_FD_MISSING("pipe-fd-missing", Severity.ERROR),
  PIPE_FD_NOT_PIPE("pipe-fd-not-pipe", Severity.ERROR),
  PIPE_INODE_MISMATCH("pipe-inode-mismatch", Severity.ERROR),
  PIPE_FD_WRONG_END("pipe-fd-wrong-end", Severity.ERROR),
  WRITE_END_CLOSED("write-end-closed", Severity.INFO),
  NO_PIPE_INO("no-pipe-ino", Severity.WARNING),
  MODE_MISSING("mode-missing", Severity.ERROR),
  MODE_UNKNOWN("mode-unknown", Severity.ERROR),
  PROTOCOL_UNSUPPORTED("protocol-unsupported", Severity.ERROR),
  PROTOCOL_RANGE_INVERTED("protocol-range-inverted", Severity.ERROR),
  OPTION_MALFORMED("option-malformed", Severity.ERROR),
  OPTION_UNKNOWN("option-unknown", Severity.ERROR),
  OPTION_DROPPED_BY_CRIU("option-dropped-by-criu", Severity.WARNING),
  SOURCES_DIFFER("sources-differ", Severity.WARNING),
  MOUNT_BELOW_INDIRECT("mount-below-indirect", Severity.INFO),
  STALE_DEVICE_IN_OWNER("stale-device-in-owner", Severity.WARNING),
  SHARED_SUPERBLOCK("shared-superblock", Severity.WARNING),
  CATATONIC("catatonic", Severity.INFO),
  NO_AUTOFS_MOUNTS("no-autofs-mounts", Severity.INFO);

  private final String code;
  private final Severity severity;

  FindingCode(String code, Severity severity) {
    this.code = code;
    this.severity = severity;
  }

  public String code() {
    return code;
  }

  public Severity severity() {
    return severity;
  }
}
