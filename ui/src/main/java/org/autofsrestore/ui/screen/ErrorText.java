package org.autofsrestore.ui.screen;

/** A failure as one line for the message line. */
final class ErrorText {
  private ErrorText() {}

  /** The first line of the message, or the exception's simple name when it has none. */
  static String describe(Throwable t) {
    if (t instanceof InterruptedException) {
      return "interrupted";
    }
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
