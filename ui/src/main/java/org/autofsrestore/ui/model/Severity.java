package org.autofsrestore.ui.model;

/** How much a finding matters to a restore, declared from worst to least. */
public enum Severity {
  /** The restore will fail or do harm. */
  ERROR,
  /** The restore will work, but something is lost or risky. */
  WARNING,
  /** Worth knowing; nothing to do. */
  INFO
}
