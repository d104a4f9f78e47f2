package org.autofsrestore.app.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.autofsrestore.app.autofs.AutofsMode;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.SystemdUnits;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.PipeEndHolder;
import org.autofsrestore.kernel.probe.SleepingTask;

/**
 * The live view as a pure function of what was read ({@link LiveFacts}): each autofs mount's state,
 * owner, pipe holders and sleepers, and what is wrong (docs/DESIGN.md section 8).
 */
public final class LiveAnalysis {
  private LiveAnalysis() {}

  public static LiveView view(LiveFacts facts) {
    List<MountInfo> autofs = facts.table().autofs();
    List<List<LiveSleeper>> sleepersOf = new ArrayList<>();
    for (int i = 0; i < autofs.size(); i++) {
      sleepersOf.add(new ArrayList<>());
    }
    List<LiveSleeper> unmatched = new ArrayList<>();
    for (SleepingTask t : facts.sleepers()) {
      int at = -1;
      String by = "";
      if (t.path().isPresent()) {
        at = mountOf(autofs, t.path().get());
        by = "path";
      } else {
        at = t.cwd().isPresent() ? mountOf(autofs, t.cwd().get()) : -1;
        by = "cwd";
        for (int j = 0; at < 0 && j < t.openPaths().size(); j++) {
          at = mountOf(autofs, t.openPaths().get(j));
          by = "open file";
        }
      }
      if (at >= 0) {
        sleepersOf.get(at).add(new LiveSleeper(t, by));
      } else {
        unmatched.add(new LiveSleeper(t, ""));
      }
    }
    List<LiveMount> mounts = new ArrayList<>();
    for (int i = 0; i < autofs.size(); i++) {
      mounts.add(mount(facts, autofs.get(i), sleepersOf.get(i)));
    }
    List<Finding> findings = new ArrayList<>();
    for (LiveSleeper s : unmatched) {
      SleepingTask t = s.task();
      String why =
          t.path().isPresent()
              ? "its path " + t.path().get() + " lies on no autofs mount of this namespace"
              : t.unseen();
      findings.add(
          FindingCode.LIVE_SLEEPER_UNMATCHED.at(
              null,
              t.comm(),
              Long.toString(t.pid()),
              t.wchan().orElse(t.stack().isEmpty() ? "autofs" : t.stack().get(0)),
              why));
    }
    return new LiveView(facts, mounts, unmatched, findings);
  }

  /** The autofs mount a path lies on: the one with the longest mount point, the last listed. */
  private static int mountOf(List<MountInfo> autofs, String path) {
    int best = -1;
    for (int i = 0; i < autofs.size(); i++) {
      String mp = autofs.get(i).mountPoint();
      boolean on = path.equals(mp) || path.startsWith(mp.equals("/") ? "/" : mp + "/");
      if (on && (best < 0 || mp.length() >= autofs.get(best).mountPoint().length())) {
        best = i;
      }
    }
    return best;
  }

  private static LiveMount mount(LiveFacts facts, MountInfo m, List<LiveSleeper> sleepers) {
    String where = m.mountPoint();
    List<Finding> findings = new ArrayList<>();
    Optional<AutofsOptions> options;
    try {
      options = Optional.of(AutofsOptions.parse(m.superOptions()));
    } catch (IllegalArgumentException e) {
      options = Optional.empty();
      findings.add(FindingCode.LIVE_OPTIONS_MALFORMED.at(where, e.getMessage()));
    }
    Optional<AutofsMode> mode = options.flatMap(o -> AutofsMode.ofOption(o.mode()));
    Optional<String> unit =
        SystemdUnits.owner(m.source()).isPresent()
            ? Optional.of(SystemdUnits.unitOrPath(where))
            : Optional.empty();
    Optional<LiveOwner> owner = options.map(o -> owner(facts, o.pgrp()));
    List<PipeEndHolder> holders = List.of();
    int unread = 0;
    if (options.isPresent() && !options.get().catatonic()) {
      AutofsOptions o = options.get();
      unread = facts.fds().unreadable().size();
      // systemd's automount is started again by restarting its unit, automount's by itself.
      boolean systemd = unit.isPresent();
      String restart = systemd ? SystemdUnits.restartCommand(where) : "";
      if (!owner.get().alive()) {
        findings.add(
            (systemd ? FindingCode.LIVE_OWNER_GONE_SYSTEMD : FindingCode.LIVE_OWNER_GONE)
                .at(where, Integer.toString(o.fd()), Long.toString(o.pgrp()), restart));
      }
      if (o.pipeIno().isPresent()) {
        long ino = o.pipeIno().getAsLong();
        holders = facts.fds().of(ino);
        if (holders.stream().noneMatch(h -> h.end().canRead())) {
          findings.add(
              (systemd ? FindingCode.LIVE_PIPE_UNREAD_SYSTEMD : FindingCode.LIVE_PIPE_UNREAD)
                  .at(
                      where,
                      unread > 0 ? "that this reader can see " : "",
                      Long.toString(ino),
                      restart));
        }
        if (unread > 0) {
          findings.add(
              FindingCode.LIVE_FDS_UNSEEN.at(where, Integer.toString(unread), Long.toString(ino)));
        }
      }
    }
    if (!sleepers.isEmpty()) {
      List<String> who = sleepers.stream().map(LiveSleeper::describe).toList();
      String answering =
          holders.stream()
              .filter(h -> h.end().canRead())
              .findFirst()
              .map(h -> h.comm() + "[" + h.pid() + "] reading fd " + h.fd())
              .orElse(owner.map(LiveOwner::describe).orElse("unknown"));
      findings.add(
          FindingCode.LIVE_SLEEPERS.at(
              where, Integer.toString(sleepers.size()), String.join(", ", who), answering));
    }
    return new LiveMount(m, options, mode, unit, owner, holders, unread, sleepers, findings);
  }

  private static LiveOwner owner(LiveFacts facts, long pgrp) {
    LiveFacts.Process found = null;
    for (LiveFacts.Process p : facts.processes()) {
      if (p.pgrp() == pgrp && (found == null || p.pid() == pgrp)) {
        found = p;
      }
    }
    return found == null
        ? new LiveOwner(pgrp, OptionalLong.empty(), "")
        : new LiveOwner(pgrp, OptionalLong.of(found.pid()), found.comm());
  }
}
