package org.autofsrestore.ui.screen;

import java.util.Locale;
import org.autofsrestore.ui.model.MountMode;
import org.autofsrestore.ui.model.Progress;
import org.autofsrestore.ui.model.RequestState;
import org.autofsrestore.ui.model.Severity;
import org.autofsrestore.ui.model.StepStatus;

/** How enum values read on screen, and their roles. */
final class Labels {
  private Labels() {}

  static String mode(MountMode mode) {
    return mode == null ? "unknown" : mode.name().toLowerCase(Locale.ROOT);
  }

  static String progress(Progress p, Glyphs glyphs) {
    if (p == null) {
      return "?";
    }
    switch (p) {
      case NONE:
        return "-";
      case PREVIEWED:
        return "previewed";
      case MOUNTED:
        return glyphs.mountedLabel;
      case PARKED:
        return "parked";
      case OWNED:
        return "owned";
      case HANDED_OFF:
        return "handed off";
      case FAILED:
        return "failed";
      case UNDONE:
        return "undone";
      default:
        return p.name().toLowerCase(Locale.ROOT);
    }
  }

  static Role progressRole(Progress p) {
    if (p == null) {
      return Role.DIM;
    }
    switch (p) {
      case NONE:
        return Role.DIM;
      case PREVIEWED:
        return Role.STATUS_PREVIEWED;
      case MOUNTED:
        return Role.ATTENTION;
      case PARKED:
      case OWNED:
      case HANDED_OFF:
        return Role.GOOD;
      case FAILED:
        return Role.STATUS_FAILED;
      case UNDONE:
        return Role.STATUS_UNDONE;
      default:
        return Role.NORMAL;
    }
  }

  static String severityLetter(Severity s) {
    return s == null ? "?" : s.name().substring(0, 1);
  }

  static String severity(Severity s) {
    return s == null ? "?" : s.name();
  }

  static Role severityRole(Severity s) {
    if (s == null) {
      return Role.NORMAL;
    }
    switch (s) {
      case ERROR:
        return Role.ERROR;
      case WARNING:
        return Role.WARNING;
      default:
        return Role.INFO;
    }
  }

  static Role statusRole(StepStatus s) {
    if (s == null) {
      return Role.NORMAL;
    }
    switch (s) {
      case PENDING:
        return Role.STATUS_PENDING;
      case PREVIEWED:
        return Role.STATUS_PREVIEWED;
      case RUNNING:
        return Role.STATUS_RUNNING;
      case OK:
        return Role.STATUS_OK;
      case FAILED:
        return Role.STATUS_FAILED;
      case UNDONE:
        return Role.STATUS_UNDONE;
      default:
        return Role.NORMAL;
    }
  }

  static String request(RequestState s) {
    if (s == null) {
      return "?";
    }
    switch (s) {
      case WAITING:
        return "waiting";
      case ANSWERED_FAIL:
        return "FAIL sent";
      case ANSWERED_READY:
        return "READY sent";
      default:
        return s.name();
    }
  }

  /** A finding's source in the findings list's four columns: live, dump, log, pre, resu. */
  static String source(String source) {
    if (source == null || source.isEmpty()) {
      return "dump";
    }
    return switch (source) {
      case "criu-log" -> "log";
      case "preflight" -> "pre";
      default -> source.length() > 4 ? source.substring(0, 4) : source;
    };
  }
}
