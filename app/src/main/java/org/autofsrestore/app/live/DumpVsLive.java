package org.autofsrestore.app.live;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.autofsrestore.app.autofs.AutofsMode;
import org.autofsrestore.app.autofs.AutofsMount;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.autofs.Owner;
import org.autofsrestore.app.autofs.SystemdUnits;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.autofsrestore.kernel.probe.MountInfo;

/**
 * {@code diff}: a dump's inspection held against a live view, as a pure function of both and the
 * root (docs/DESIGN.md section 8). Each dump mount is looked for at root + mount point and compared
 * field by field; the live autofs mounts at or below the root that no dump mount names are extra.
 */
public final class DumpVsLive {
  private DumpVsLive() {}

  /** {@link #diff(Inspection, LiveView, String, Expectation)} after a restore, as diff judges. */
  public static DiffReport diff(Inspection dump, LiveView live, String root) {
    return diff(dump, live, root, Expectation.AFTER_RESTORE);
  }

  /** The diff, every dump mount judged by the same {@code expectation}. */
  public static DiffReport diff(
      Inspection dump, LiveView live, String root, Expectation expectation) {
    return diff(dump, live, root, m -> expectation);
  }

  /**
   * The diff, each dump mount judged by {@code expectation} of it: a mount missing at the root is
   * an error after its restore ({@link FindingCode#LIVE_MOUNT_MISSING}) and a note before it
   * ({@link FindingCode#LIVE_MOUNT_NOT_RESTORED}).
   */
  public static DiffReport diff(
      Inspection dump, LiveView live, String root, Function<AutofsMount, Expectation> expectation) {
    String r = normalizeRoot(root);
    List<MountDiff> mounts = new ArrayList<>();
    List<Finding> all = new ArrayList<>();
    Set<String> targets = new HashSet<>();
    for (AutofsMount m : dump.mounts()) {
      String target = r.equals("/") ? m.mountpoint() : r + m.mountpoint();
      targets.add(target);
      Optional<LiveMount> now = live.at(target);
      List<Finding> findings = new ArrayList<>();
      if (now.isEmpty()) {
        Optional<MountInfo> other = live.facts().table().at(target);
        String instead =
            other.map(o -> "; " + o.fsType() + " (" + o.source() + ") is mounted there").orElse("");
        FindingCode missing =
            expectation.apply(m) == Expectation.BEFORE_RESTORE
                ? FindingCode.LIVE_MOUNT_NOT_RESTORED
                : FindingCode.LIVE_MOUNT_MISSING;
        findings.add(
            missing.at(target, target, instead, r, m.mountpoint(), dump.imageDir().toString()));
      } else {
        compare(m, now.get(), target, findings);
        findings.addAll(now.get().findings());
      }
      all.addAll(findings);
      mounts.add(new MountDiff(m, target, now, findings));
    }
    List<LiveMount> extra = new ArrayList<>();
    for (LiveMount l : live.mounts()) {
      String mp = l.mountpoint();
      boolean below = r.equals("/") || mp.equals(r) || mp.startsWith(r + "/");
      if (below && !targets.contains(mp)) {
        extra.add(l);
        all.add(
            FindingCode.LIVE_MOUNT_EXTRA.at(
                mp,
                mp,
                l.mode().map(AutofsMode::option).orElse("mode unknown"),
                l.info().source()));
        all.addAll(l.findings());
      }
    }
    all.addAll(live.findings());
    return new DiffReport(dump.imageDir(), r, mounts, extra, all);
  }

  /** The root as a mount point prefix: absolute, no trailing slash, "/" for the root itself. */
  static String normalizeRoot(String root) {
    String abs =
        java.nio.file.Path.of(root.isEmpty() ? "/" : root).toAbsolutePath().normalize().toString();
    return abs.length() > 1 && abs.endsWith("/") ? abs.substring(0, abs.length() - 1) : abs;
  }

  private static void compare(AutofsMount m, LiveMount l, String where, List<Finding> out) {
    if (l.options().isEmpty()) {
      return; // live-options-malformed says why
    }
    AutofsOptions o = l.options().get();
    if (m.mode().isPresent() && l.mode().isPresent() && m.mode().get() != l.mode().get()) {
      out.add(
          FindingCode.LIVE_MODE_DIFFERS.at(
              where, l.mode().get().option(), m.mode().get().option()));
    }
    if (m.timeout() != null && m.timeout() != o.timeout()) {
      out.add(
          FindingCode.LIVE_TIMEOUT_DIFFERS.at(
              where, Long.toString(o.timeout()), Long.toString(m.timeout())));
    }
    if (m.minproto() != null
        && m.maxproto() != null
        && (m.minproto() != o.minproto() || m.maxproto() != o.maxproto())) {
      out.add(
          FindingCode.LIVE_PROTOCOL_DIFFERS.at(
              where,
              Integer.toString(o.minproto()),
              Integer.toString(o.maxproto()),
              m.minproto().toString(),
              m.maxproto().toString()));
    }
    boolean systemd =
        SystemdUnits.owner(m.mount().source()).isPresent() || l.systemdUnit().isPresent();
    String restartUnit = SystemdUnits.restartCommand(where);
    if (o.catatonic() && !m.catatonic()) {
      out.add(
          (systemd ? FindingCode.LIVE_CATATONIC_SYSTEMD : FindingCode.LIVE_CATATONIC)
              .at(
                  where,
                  m.owner().map(DumpVsLive::describe).orElse("process group " + m.pgrp()),
                  restartUnit));
    }
    String dumped = m.mount().rootDev().toString();
    boolean direct = m.mode().isPresent() && m.mode().get() != AutofsMode.INDIRECT;
    if (!dumped.equals(l.device()) && (systemd || (direct && !o.catatonic()))) {
      out.add(
          systemd
              ? FindingCode.LIVE_DEVICE_CHANGED_SYSTEMD.at(where, l.device(), dumped, restartUnit)
              : FindingCode.LIVE_DEVICE_CHANGED.at(
                  where,
                  l.device(),
                  dumped,
                  m.mode().get().option(),
                  l.owner().map(LiveOwner::describe).orElse("its owner"),
                  SystemdUnits.restartAutofsService()));
    }
  }

  private static String describe(Owner o) {
    return (o.comm() == null ? "?" : o.comm()) + "[" + o.pid() + "]";
  }
}
