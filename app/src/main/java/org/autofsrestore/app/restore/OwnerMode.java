package org.autofsrestore.app.restore;

/**
 * Who owns a restored mount after the owner stage. Only these two are honest for a standalone tool:
 * the kernel records the caller's process group as the owner, so the old daemon cannot be named
 * from outside (docs/DESIGN.md section 4).
 */
public enum OwnerMode {
  /** This program holds the pipe and answers the kernel's requests itself. */
  HOLD,
  /** The mount stays parked until a freshly started automount reconnects to it. */
  HANDOFF;

  public String option() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
