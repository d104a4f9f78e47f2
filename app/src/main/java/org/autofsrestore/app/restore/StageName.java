package org.autofsrestore.app.restore;

/** The three restore stages of a mount, in the order they run. */
public enum StageName {
  /** Create a pipe, mount with rewritten options, read the device number, make child dirs. */
  MOUNT,
  /** Set the dump's timeout and park the mount (catatonic). */
  TIMEOUT,
  /** Give the mount its owner: this program (hold) or a new automount (handoff). */
  OWNER;

  /** Spelled once: labels are asked for every call a restore runs. */
  private final String label = name().toLowerCase(java.util.Locale.ROOT);

  public String label() {
    return label;
  }
}
