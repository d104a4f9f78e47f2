package org.autofsrestore.ui.screen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.autofsrestore.ui.model.DumpModel;
import org.autofsrestore.ui.model.Finding;
import org.autofsrestore.ui.model.KernelRequest;
import org.autofsrestore.ui.model.MountRow;
import org.autofsrestore.ui.model.Progress;
import org.autofsrestore.ui.model.RestoreController;
import org.autofsrestore.ui.model.StepperSnapshot;

/**
 * What the screens read from the model and the controller: the mounts and findings (read once, with
 * an index by id and by mountpoint and the finding counts) and the controller's snapshots. A query
 * that throws reads as nothing: one broken mount must not take the screen down.
 */
final class ScreenData {
  final DumpModel model;
  final RestoreController controller;
  final List<MountRow> rows;
  final List<Finding> findings;
  final int errors;
  final int warnings;
  final int infos;
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
    this.findings = model.findings();
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

  String mountIdOf(String mountpoint) {
    return mountpoint == null ? null : idsByMountpoint.get(mountpoint);
  }
}
