package org.autofsrestore.app.criulog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import org.autofsrestore.app.autofs.AutofsMount;
import org.autofsrestore.app.autofs.CriuLogEntry;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.Severity;

/**
 * Turns the autofs lines of CRIU's logs into findings, each on the mount the line names (by mount
 * id, pipe inode, mount point, or pid and fd), else on the dump as a whole. A pure function of the
 * logs and the analysed mounts.
 *
 * <p>CRIU often says one thing in two lines: a second line that names nothing ("Try again later.")
 * continues the one before ({@link CriuLogPattern#follows()}), and an ioctl's failure comes before
 * the line saying which call it was ({@link CriuLogPattern#fromNext()}). Such lines make one
 * finding, which quotes them all.
 */
public final class CriuLogAnalysis {
  /** Lines further apart than this are not read as one message. */
  private static final int MAX_GAP = 5;

  private CriuLogAnalysis() {}

  /**
   * What the logs say about the mounts.
   *
   * @param entries every autofs line, in the order of the logs and their lines
   * @param mountFindings the findings of each mount, in the order of the mounts given
   * @param dumpFindings those about no mount of the dump (or the dump as a whole)
   */
  public record Result(
      List<CriuLogEntry> entries, List<List<Finding>> mountFindings, List<Finding> dumpFindings) {}

  /** One matched line: its log, line, pattern, the groups it named, and the mount they point to. */
  private record Hit(
      CriuLog log,
      CriuLogLine line,
      CriuLogPattern pattern,
      Matcher groups,
      int mount,
      boolean ambiguous) {}

  /** What the logs say about the dump's analysed mounts. */
  public static Result analyze(List<CriuLog> logs, List<AutofsMount> mounts) {
    return analyzeKeys(logs, MountKeys.of(mounts), "DUMP");
  }

  /** What the logs beside the dump {@code dump} say about its analysed mounts. */
  public static Result analyze(List<CriuLog> logs, List<AutofsMount> mounts, String dump) {
    return analyzeKeys(logs, MountKeys.of(mounts), dump);
  }

  /** What the logs say about {@code mounts}, known by their keys. */
  public static Result analyzeKeys(List<CriuLog> logs, List<MountKeys> mounts) {
    return analyzeKeys(logs, mounts, "DUMP");
  }

  /**
   * What the logs say about {@code mounts}, known by their keys; {@code dump} is the dump's
   * directory as an action names it.
   */
  public static Result analyzeKeys(List<CriuLog> logs, List<MountKeys> mounts, String dump) {
    List<CriuLogEntry> entries = new ArrayList<>();
    List<List<Finding>> perMount = new ArrayList<>();
    for (int i = 0; i < mounts.size(); i++) {
      perMount.add(new ArrayList<>());
    }
    List<Finding> dumpWide = new ArrayList<>();
    for (CriuLog log : logs) {
      List<Hit> hits = new ArrayList<>();
      for (CriuLogLine line : log.problems()) {
        match(line)
            .map(m -> locate(log, line, m.pattern, m.groups, mounts))
            .filter(h -> h.mount >= 0 || aboutAutofs(line))
            .ifPresent(hits::add);
      }
      for (List<Hit> group : groups(hits)) {
        Hit primary = primary(group);
        int mount = -1;
        boolean ambiguous = false;
        for (Hit h : group) {
          mount = mount >= 0 ? mount : h.mount;
          ambiguous |= h.ambiguous;
        }
        for (Hit h : group) {
          MountKeys m = mount >= 0 ? mounts.get(mount) : null;
          entries.add(
              new CriuLogEntry(
                  log.file(),
                  h.line.number(),
                  h.line.raw(),
                  h.pattern.id(),
                  m == null ? null : m.mntId(),
                  m == null ? null : m.mountpoint()));
        }
        Finding f =
            finding(log, group, primary, mount >= 0 ? mounts.get(mount) : null, ambiguous, dump);
        (mount >= 0 ? perMount.get(mount) : dumpWide).add(f);
      }
      if (log.cut() != null) {
        dumpWide.add(FindingCode.CRIU_LOG_CUT.at(null, log.file(), log.cut()));
      }
    }
    List<List<Finding>> frozen = new ArrayList<>();
    for (List<Finding> f : perMount) {
      frozen.add(List.copyOf(f));
    }
    return new Result(List.copyOf(entries), List.copyOf(frozen), List.copyOf(dumpWide));
  }

  private record Match(CriuLogPattern pattern, Matcher groups) {}

  /** The pattern of a problem line, {@link CriuLogPatterns#OTHER} for another autofs line. */
  static Optional<Match> match(CriuLogLine line) {
    for (CriuLogPattern p : CriuLogPatterns.ALL_PATTERNS) {
      Optional<Matcher> m = p.match(line.level(), line.source(), line.text());
      if (m.isPresent()) {
        return Optional.of(new Match(p, m.get()));
      }
    }
    return aboutAutofs(line)
        ? Optional.of(new Match(CriuLogPatterns.OTHER, CriuLogPatterns.OTHER.regex().matcher("")))
        : Optional.empty();
  }

  /**
   * Whether a line is about autofs by itself: printed from criu/autofs.c or criu check, or naming
   * autofs. A line of another file (files-reg.c's open file on a covered mount) is one only when
   * the mount it names is one of the autofs mounts.
   */
  private static boolean aboutAutofs(CriuLogLine line) {
    return line.source().equals(CriuLogPatterns.AUTOFS_C)
        || line.source().equals(CriuLogPatterns.CHECK_C)
        || line.text().toLowerCase(Locale.ROOT).contains("autofs");
  }

  /** The one mount every group the line names agrees on (-1: none, or several). */
  private static Hit locate(
      CriuLog log, CriuLogLine line, CriuLogPattern p, Matcher m, List<MountKeys> mounts) {
    if (p == CriuLogPatterns.OTHER) {
      return new Hit(log, line, p, m, -1, false);
    }
    List<Integer> candidates = new ArrayList<>();
    boolean named = false;
    for (String key : CriuLogPattern.KEYS) {
      named |= p.names(key);
    }
    if (!named) {
      return new Hit(log, line, p, m, -1, false);
    }
    if (p.names("path") && ServicePath.isServicePath(m.group("path"))) {
      int at = ServicePath.mount(m.group("path"), mounts).orElse(-1);
      return new Hit(log, line, p, m, at, false);
    }
    for (int i = 0; i < mounts.size(); i++) {
      if (agrees(p, m, mounts.get(i))) {
        candidates.add(i);
      }
    }
    if (p.names("path") && candidates.size() > 1) {
      candidates = longestMountpoints(candidates, mounts);
    }
    boolean one = candidates.size() == 1;
    return new Hit(log, line, p, m, one ? candidates.get(0) : -1, candidates.size() > 1);
  }

  private static boolean agrees(CriuLogPattern p, Matcher m, MountKeys mount) {
    if (p.names("mntid") && !sameNumber(m.group("mntid"), mount.mntId())) {
      return false;
    }
    if (p.names("ino") && !sameNumber(m.group("ino"), mount.pipeIno())) {
      return false;
    }
    // A pid CRIU names at dump is the options' pgrp (seen from outside the dump's pid namespace);
    // at restore it is the dump's own (autofs-N.img pgrp, the owner's pid in pstree.img).
    if (p.names("pid")
        && !sameNumber(m.group("pid"), mount.optionsPgrp())
        && !sameNumber(m.group("pid"), mount.pgrp())) {
      return false;
    }
    if (p.names("vpid") && !sameNumber(m.group("vpid"), mount.pgrp())) {
      return false;
    }
    if (p.names("fd") && !mount.fds().isEmpty() && !mount.fds().contains(small(m.group("fd")))) {
      return false;
    }
    if (p.names("path")) {
      String path = m.group("path");
      // CRIU names mounts from the root of the dump ("/srv/ind"), from its service folder
      // ("/tmp/.criu.mntns.XXXXXX/9-0000000000/srv/ind"), without the leading slash, or names a
      // directory inside one (an autofs dentry); the longest mount point named wins.
      String normal = path.startsWith(".") ? path.substring(1) : path;
      normal = normal.startsWith("/") ? normal : "/" + normal;
      String at = mount.mountpoint();
      return !at.equals("/") && (normal.endsWith(at) || normal.contains(at + "/"));
    }
    return true;
  }

  /** A printed fd as a number, or null when it is none an fd can be. */
  private static Integer small(String text) {
    return text.length() <= 9 ? Integer.valueOf(text) : null;
  }

  private static boolean sameNumber(String text, Number value) {
    return value != null && text != null && text.equals(String.valueOf(value.longValue()));
  }

  private static List<Integer> longestMountpoints(List<Integer> at, List<MountKeys> mounts) {
    int longest = 0;
    for (int i : at) {
      longest = Math.max(longest, mounts.get(i).mountpoint().length());
    }
    List<Integer> kept = new ArrayList<>();
    for (int i : at) {
      if (mounts.get(i).mountpoint().length() == longest) {
        kept.add(i);
      }
    }
    return kept;
  }

  /**
   * Consecutive hits that are one message: continuations join the one before, lead-ins the next.
   */
  private static List<List<Hit>> groups(List<Hit> hits) {
    List<List<Hit>> groups = new ArrayList<>();
    List<Hit> open = null;
    for (int i = 0; i < hits.size(); i++) {
      Hit h = hits.get(i);
      Hit before = i > 0 ? hits.get(i - 1) : null;
      boolean continues =
          open != null
              && before != null
              && close(before, h)
              && (h.pattern.follows().contains(before.pattern.id()) || before.pattern.fromNext());
      if (continues) {
        open.add(h);
      } else {
        open = new ArrayList<>(List.of(h));
        groups.add(open);
      }
    }
    return groups;
  }

  private static boolean close(Hit a, Hit b) {
    Integer x = a.line.number();
    Integer y = b.line.number();
    return x == null || y == null || y - x <= MAX_GAP;
  }

  /** The hit whose meaning the group's finding gives: the first that is no lead-in. */
  private static Hit primary(List<Hit> group) {
    for (Hit h : group) {
      if (!h.pattern.fromNext() && h.pattern.follows().isEmpty()) {
        return h;
      }
    }
    return group.get(0);
  }

  private static Finding finding(
      CriuLog log, List<Hit> group, Hit primary, MountKeys mount, boolean ambiguous, String dump) {
    StringBuilder said = new StringBuilder();
    for (Hit h : group) {
      said.append(said.length() == 0 ? "" : ", then ").append('"').append(h.line.text());
      said.append('"');
    }
    Severity severity = primary.pattern.severity();
    if (primary.pattern == CriuLogPatterns.OTHER) {
      severity = primary.line.level().equals("Warn") ? Severity.WARNING : Severity.ERROR;
    }
    FindingCode code =
        severity == Severity.WARNING ? FindingCode.CRIU_LOG_WARNING : FindingCode.CRIU_LOG_ERROR;
    String where = primary.line.where(log.file());
    String about =
        ambiguous ? " It names more than one mount of the dump (the same owner serves them)." : "";
    return code.at(
        mount == null ? null : mount.mountpoint(),
        where,
        said.toString(),
        primary.pattern.id(),
        primary.pattern.meaning(),
        about,
        primary
            .pattern
            .action()
            .replace("{dump}", dump)
            .replace("{mount}", mount == null ? "MOUNTPOINT" : mount.mountpoint()));
  }
}
