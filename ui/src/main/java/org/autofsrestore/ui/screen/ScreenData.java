package org.autofsrestore.ui.screen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import org.autofsrestore.ui.model.DumpModel;
import org.autofsrestore.ui.model.Finding;
import org.autofsrestore.ui.model.KernelRequest;
import org.autofsrestore.ui.model.LiveHost;
import org.autofsrestore.ui.model.LiveMountState;
import org.autofsrestore.ui.model.LiveSnapshot;
import org.autofsrestore.ui.model.MountRow;
import org.autofsrestore.ui.model.Progress;
import org.autofsrestore.ui.model.RestoreController;
import org.autofsrestore.ui.model.StepperSnapshot;

/**
 * What the screens read from the model and the controller: the mounts and the dump's findings (read
 * once, with an index by id and by mountpoint), the latest read of the live host (replaced on the
 * UI thread after each read), the findings of both with their counts, and the controller's
 * snapshots. A query that throws reads as nothing: one broken mount must not take the screen down.
 */
final class ScreenData {
  final DumpModel model;
  final RestoreController controller;
  final List<MountRow> rows;
  final List<Finding> dumpFindings;
  final Optional<LiveHost> liveHost;

  /** The dump's findings, then the live host's (worst first each). */
  List<Finding> findings;

  int errors;
  int warnings;
  int infos;

  /** The latest read of the live host; null before the first one came back. */
  private LiveSnapshot live;

  /** How many times the live snapshot was replaced: views that cache lines compare it. */
  private int liveVersion;

  private final Map<String, MountRow> rowsById = new HashMap<>();
  private final Map<String, String> idsByMountpoint = new HashMap<>();

  ScreenData(DumpModel model, RestoreController controller) {
    this.model = model;
    this.controller = controller;
    List<MountRow> mounts = model.mounts();
    this.rows = mounts instanceof RandomAccess ? mounts : new ArrayList<>(mounts);
    for (MountRow r : rows) {
      rowsById.put(r.id(), r);
      idsByMountpoint.putIfAbsent(r.mountpoint(), r.id());
    }
    this.dumpFindings = List.copyOf(model.findings());
    Optional<LiveHost> host;
    try {
      host = model.liveHost();
    } catch (RuntimeException e) {
      host = Optional.empty();
    }
    this.liveHost = host == null ? Optional.empty() : host;
    count();
  }

  /** Takes a new read of the live host (on the UI thread). */
  void liveSnapshot(LiveSnapshot snapshot) {
    live = snapshot;
    liveVersion++;
    count();
  }

  /** The latest read of the live host, or null before the first one came back. */
  LiveSnapshot liveSnapshot() {
    return live;
  }

  int liveVersion() {
    return liveVersion;
  }

  private void count() {
    List<Finding> all = new ArrayList<>(dumpFindings);
    if (live != null) {
      all.addAll(live.findings());
    }
    findings = List.copyOf(all);
    int e = 0;
    int w = 0;
    int i = 0;
    for (Finding f : findings) {
      if (f.severity() == null) {
        continue;
      }
      switch (f.severity()) {
        case ERROR -> e++;
        case WARNING -> w++;
        default -> i++;
      }
    }
    errors = e;
    warnings = w;
    infos = i;
  }

  boolean live() {
    return controller.live();
  }

  Progress progress(String mountId) {
    try {
      return controller.progress(mountId);
    } catch (RuntimeException e) {
      return null;
    }
  }

  StepperSnapshot stepper(String mountId) {
    try {
      return controller.stepper(mountId);
    } catch (RuntimeException e) {
      return null;
    }
  }

  List<KernelRequest> requests() {
    try {
      List<KernelRequest> r = controller.requests();
      return r == null ? List.of() : r;
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  long requestsDropped() {
    try {
      return controller.requestsDropped();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  List<String> logTail(int lines) {
    try {
      List<String> r = model.logTail(lines);
      return r == null ? List.of() : r;
    } catch (RuntimeException e) {
      return List.of("(cannot read the log: " + ErrorText.describe(e) + ")");
    }
  }

  List<String> mountedNotHandedOver() {
    try {
      List<String> open = controller.mountedNotHandedOver();
      return open == null ? List.of() : open;
    } catch (RuntimeException e) {
      return List.of("(unknown: " + ErrorText.describe(e) + ")");
    }
  }

  String mountpointOf(String mountId) {
    MountRow r = rowsById.get(mountId);
    return r == null ? mountId : r.mountpoint();
  }

  /** The dump mount at this mountpoint, or restored at this live target (root + mountpoint). */
  String mountIdOf(String mountpoint) {
    if (mountpoint == null) {
      return null;
    }
    String id = idsByMountpoint.get(mountpoint);
    if (id == null && live != null) {
      for (Map.Entry<String, LiveMountState> e : live.byMount().entrySet()) {
        if (e.getValue().mountpoint().equals(mountpoint)) {
          return e.getKey();
        }
      }
    }
    return id;
  }
}
