package org.autofsrestore.ui.model;

/**
 * One diagnostic: a stable code, a severity, the mount it concerns ({@code null} or empty for the
 * dump as a whole), one sentence saying what is wrong, one saying what to do, and where it comes
 * from ({@link #DUMP}, "criu-log", "preflight", "resume", or {@link #LIVE}: the live host held
 * against the dump).
 */
public record Finding(
    String code,
    Severity severity,
    String mountpoint,
    String message,
    String action,
    String source) {
  /** The source of the dump's own findings. */
  public static final String DUMP = "dump";

  /** The source of the findings of the live host held against the dump. */
  public static final String LIVE = "live";

  public Finding {
    source = source == null || source.isEmpty() ? DUMP : source;
  }

  /** A finding of the dump itself. */
  public Finding(String code, Severity severity, String mountpoint, String message, String action) {
    this(code, severity, mountpoint, message, action, DUMP);
  }

  /** True for a finding about the live host, which a re-read may change. */
  public boolean fromLive() {
    return LIVE.equals(source);
  }
}
