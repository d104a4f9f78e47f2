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
  NO_AUTOFS_MOUNTS("no-autofs-mounts", Severity.INFO),

  // Pre-flight checks of a restore against the live system.
  NO_CAP_SYS_ADMIN("no-cap-sys-admin", Severity.ERROR, Source.PREFLIGHT),
  NO_DEV_AUTOFS("no-dev-autofs", Severity.ERROR, Source.PREFLIGHT),
  PATH_ESCAPES_ROOT("path-escapes-root", Severity.ERROR, Source.PREFLIGHT),
  TARGET_THROUGH_SYMLINK("target-through-symlink", Severity.ERROR, Source.PREFLIGHT),
  TARGET_NOT_DIRECTORY("target-not-directory", Severity.ERROR, Source.PREFLIGHT),
  TARGET_MISSING("target-missing", Severity.ERROR, Source.PREFLIGHT),
  TARGET_CREATED("target-created", Severity.INFO, Source.PREFLIGHT),
  TARGET_ALREADY_AUTOFS("target-already-autofs", Severity.ERROR, Source.PREFLIGHT),
  NOT_RESTORABLE("not-restorable", Severity.ERROR, Source.PREFLIGHT);

  /** What a finding is found in. */
  public enum Source {
    /** The dump alone: the inspection's findings. */
    DUMP,
    /** The plan's pre-flight checks against the live system and the operator's options. */
    PREFLIGHT
  }

  private final String code;
  private final Severity severity;
  private final Source source;

  FindingCode(String code, Severity severity) {
    this(code, severity, Source.DUMP);
  }

  FindingCode(String code, Severity severity, Source source) {
    this.code = code;
    this.severity = severity;
    this.source = source;
  }

  public Source source() {
    return source;
  }

  public String code() {
    return code;
  }

  public Severity severity() {
    return severity;
  }
}
