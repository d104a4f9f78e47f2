package org.autofsrestore.ui.model;

/**
 * Whether this session can run real steps (root, /dev/autofs, ...) and, when it cannot, why, in one
 * sentence (e.g. "live mode needs root: run as root or use sudo").
 */
public record LiveAvailability(boolean possible, String reason) {
  public static LiveAvailability yes() {
    return new LiveAvailability(true, "");
  }

  public static LiveAvailability no(String reason) {
    return new LiveAvailability(false, reason);
  }
}
