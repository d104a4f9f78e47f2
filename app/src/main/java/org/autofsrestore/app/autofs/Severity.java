package org.autofsrestore.app.autofs;

/** How much a finding matters to a restore. Declared from worst to least. */
public enum Severity {
  /** The restore will fail or do harm. */
  ERROR,
  /** The restore will work, but something is lost or risky. */
  WARNING,
  /** Worth knowing; nothing to do. */
  INFO;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
