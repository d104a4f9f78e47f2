package org.autofsrestore.app.tui;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.autofsrestore.app.autofs.AutofsMode;
import org.autofsrestore.app.autofs.AutofsMount;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.live.DiffReport;
import org.autofsrestore.app.live.DumpVsLive;
import org.autofsrestore.app.live.Expectation;
import org.autofsrestore.app.live.LiveAnalysis;
import org.autofsrestore.app.live.LiveFacts;
import org.autofsrestore.app.live.LiveMount;
import org.autofsrestore.app.live.LiveOwner;
import org.autofsrestore.app.live.LiveSleeper;
import org.autofsrestore.app.live.LiveView;
import org.autofsrestore.app.live.MountDiff;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.autofsrestore.ui.model.LiveHost;
import org.autofsrestore.ui.model.LiveMountState;
import org.autofsrestore.ui.model.LiveSnapshot;
import org.autofsrestore.ui.model.LiveValue;
import org.autofsrestore.ui.model.Progress;

/**
 * The live host beside the dump in the UI: {@link LiveFacts} read from /proc (which opens nothing
 * at or below a mount point, so no mount is triggered), held against the dump by {@link
 * DumpVsLive#diff}, as the ui's records. The mapping is a pure function of the diff and the view
 * ({@link #snapshot}); mount ids are the dump's mount points, as in {@link DumpScreenModel}.
 */
final class LiveSide implements LiveHost {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Inspection inspection;
  private final String root;
  private final Path procRoot;
  private final Clock clock;
  private final Function<String, Expectation> expectation;

  /** Every mount judged before its restore: the dump previewed. */
  LiveSide(Inspection inspection, String root, Path procRoot, Clock clock) {
    this(inspection, root, procRoot, clock, mountId -> Expectation.BEFORE_RESTORE);
  }

  /**
   * @param expectation for a dump mount (by its mount point, the UI's mount id), whether the
   *     session has restored it yet: asked at each read, as the session goes on
   */
  LiveSide(
      Inspection inspection,
      String root,
      Path procRoot,
      Clock clock,
      Function<String, Expectation> expectation) {
    this.inspection = inspection;
    this.root = root;
    this.procRoot = procRoot;
    this.clock = clock;
    this.expectation = expectation;
  }

  /**
   * How the session's progress on a mount judges it: restored once a live session mounted it (or
   * failed while restoring it, which may leave it missing); not yet before that, after an undo, and
   * in a dry run, which mounts nothing.
   */
  static Expectation of(Progress progress, boolean live) {
    if (!live) {
      return Expectation.BEFORE_RESTORE;
    }
    return switch (progress) {
      case MOUNTED, PARKED, OWNED, HANDED_OFF, FAILED -> Expectation.AFTER_RESTORE;
      case NONE, PREVIEWED, UNDONE -> Expectation.BEFORE_RESTORE;
    };
  }

  @Override
  public LiveSnapshot read() {
    String at = LocalTime.now(clock).format(TIME);
    try {
      LiveView view = LiveAnalysis.view(LiveFacts.read(procRoot, OptionalLong.empty()));
      DiffReport diff =
          DumpVsLive.diff(inspection, view, root, m -> expectation.apply(m.mountpoint()));
      return snapshot(diff, view, at);
    } catch (LiveFacts.Unreadable e) {
      return LiveSnapshot.failed(at, root, "The live host cannot be read: " + e.getMessage());
    }
  }

  /** The diff of the dump against {@code view} as the UI shows it, read at {@code at}. */
  static LiveSnapshot snapshot(DiffReport diff, LiveView view, String at) {
    Map<String, LiveMountState> byMount = new LinkedHashMap<>();
    for (MountDiff d : diff.mounts()) {
      byMount.putIfAbsent(d.dump().mountpoint(), dumpMount(d, view));
    }
    List<LiveMountState> host = new ArrayList<>();
    for (LiveMount l : view.mounts()) {
      if (!below(l.mountpoint(), diff.root())) {
        continue;
      }
      Optional<MountDiff> restored =
          diff.mounts().stream().filter(d -> d.target().equals(l.mountpoint())).findFirst();
      if (restored.isEmpty()) {
        host.add(extraMount(l, diff));
      } else if (restored.get().live().filter(on -> on == l).isPresent()) {
        host.add(byMount.get(restored.get().dump().mountpoint()));
      } // else covered by the mount on top of it, which is the one restored there
    }
    return new LiveSnapshot(at, diff.root(), "", byMount, host, findings(diff.findings()));
  }

  private static boolean below(String mountpoint, String root) {
    return root.equals("/") || mountpoint.equals(root) || mountpoint.startsWith(root + "/");
  }

  private static List<org.autofsrestore.ui.model.Finding> findings(List<Finding> findings) {
    return findings.stream().sorted(Finding.WORST_FIRST).map(DumpScreenModel::finding).toList();
  }

  private static LiveMountState dumpMount(MountDiff d, LiveView view) {
    AutofsMount m = d.dump();
    if (d.live().isEmpty()) {
      String instead =
          view.facts()
              .table()
              .at(d.target())
              .map(o -> o.fsType() + " (" + o.source() + ")")
              .orElse("");
      return new LiveMountState(
          d.target(),
          m.mountpoint(),
          false,
          instead,
          "-",
          "-",
          false,
          "-",
          false,
          "-",
          List.of(),
          "",
          List.of(),
          findings(d.findings()));
    }
    LiveMount l = d.live().get();
    boolean deviceMatters =
        d.findings().stream().anyMatch(f -> f.code() == FindingCode.LIVE_DEVICE_CHANGED);
    List<LiveValue> values = new ArrayList<>();
    values.add(new LiveValue("device", m.mount().rootDev().toString(), l.device(), deviceMatters));
    values.add(
        value(
            "mode",
            m.mode().map(AutofsMode::option).orElse("-"),
            l.mode().map(AutofsMode::option).orElse("-")));
    Optional<AutofsOptions> o = l.options();
    values.add(
        value(
            "timeout",
            m.timeout() == null ? "-" : m.timeout().toString(),
            o.map(x -> Long.toString(x.timeout())).orElse("-")));
    values.add(
        value(
            "protocol",
            m.minproto() == null || m.maxproto() == null ? "-" : m.minproto() + ".." + m.maxproto(),
            o.map(x -> x.minproto() + ".." + x.maxproto()).orElse("-")));
    values.add(value("catatonic", yesNo(m.catatonic()), o.isEmpty() ? "-" : yesNo(l.catatonic())));
    // The dump's pids are those inside its pid namespace: they never match the live ones.
    values.add(
        new LiveValue(
            "owner",
            m.owner()
                .map(x -> (x.comm() == null ? "?" : x.comm()) + "[" + x.pid() + "]")
                .orElse("-"),
            owner(l),
            false));
    values.add(
        new LiveValue(
            "pipe reader",
            m.owner()
                .filter(x -> x.readEndFd() != null)
                .map(x -> (x.comm() == null ? "?" : x.comm()) + " fd " + x.readEndFd())
                .orElse("-"),
            reader(l),
            false));
    return state(l, d.target(), m.mountpoint(), values, d.findings());
  }

  private static LiveMountState extraMount(LiveMount l, DiffReport diff) {
    List<Finding> onDumpMounts = new ArrayList<>();
    for (MountDiff d : diff.mounts()) {
      onDumpMounts.addAll(d.findings());
    }
    List<Finding> own =
        diff.findings().stream()
            .filter(f -> l.mountpoint().equals(f.mountpoint()) && !onDumpMounts.contains(f))
            .toList();
    return state(l, l.mountpoint(), "", List.of(), own);
  }

  private static LiveMountState state(
      LiveMount l, String target, String dumpId, List<LiveValue> values, List<Finding> findings) {
    return new LiveMountState(
        target,
        dumpId,
        true,
        "",
        l.mode().map(AutofsMode::option).orElse("-"),
        l.device(),
        l.catatonic(),
        owner(l),
        l.owner().map(LiveOwner::alive).orElse(false),
        reader(l),
        l.sleepers().stream().map(LiveSleeper::describe).toList(),
        unseen(l),
        values,
        findings(findings));
  }

  private static LiveValue value(String field, String dump, String live) {
    return new LiveValue(
        field, dump, live, !dump.equals("-") && !live.equals("-") && !dump.equals(live));
  }

  private static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }

  private static String owner(LiveMount l) {
    return l.owner().map(LiveOwner::describe).orElse("-");
  }

  private static String reader(LiveMount l) {
    if (l.options().isEmpty() || l.catatonic()) {
      return "-";
    }
    List<String> who =
        l.readers().stream().map(h -> h.comm() + "[" + h.pid() + "] fd " + h.fd()).toList();
    return who.isEmpty() ? "none" : String.join(", ", who);
  }

  /** What this reader could not see, in one line; "" when it saw everything. */
  private static String unseen(LiveMount l) {
    List<String> parts = new ArrayList<>();
    if (l.fdTablesUnread() > 0) {
      parts.add(
          l.fdTablesUnread()
              + (l.fdTablesUnread() == 1 ? " process's fd table" : " processes' fd tables")
              + " (the pipe's reader may be among them)");
    }
    for (LiveSleeper s : l.sleepers()) {
      if (!s.task().unseen().isEmpty()) {
        parts.add(s.task().comm() + "[" + s.task().pid() + "]: " + s.task().unseen());
      }
    }
    return String.join("; ", parts);
  }
}
