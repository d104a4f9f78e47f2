package org.autofsrestore.app.live;

import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.Severity;

/**
 * The autofs mounts of a live mount namespace with their findings, and the findings about the
 * namespace as a whole (sleepers that cannot be put on a mount).
 *
 * @param facts what was read
 * @param mounts the autofs mounts, in mountinfo order
 * @param unmatched the processes asleep in autofs code whose mount cannot be told
 * @param findings the findings not about one mount
 */
public record LiveView(
    LiveFacts facts, List<LiveMount> mounts, List<LiveSleeper> unmatched, List<Finding> findings) {
  public LiveView {
    mounts = List.copyOf(mounts);
    unmatched = List.copyOf(unmatched);
    findings = List.copyOf(findings);
  }

  /** Every finding, the namespace's first, then each mount's. */
  public List<Finding> allFindings() {
    List<Finding> all = new ArrayList<>(findings);
    for (LiveMount m : mounts) {
      all.addAll(m.findings());
    }
    return all;
  }

  /** The autofs mount at exactly {@code mountpoint}: the last listed, the one on top. */
  public java.util.Optional<LiveMount> at(String mountpoint) {
    LiveMount found = null;
    for (LiveMount m : mounts) {
      if (m.mountpoint().equals(mountpoint)) {
        found = m;
      }
    }
    return java.util.Optional.ofNullable(found);
  }

  public boolean hasErrors() {
    return allFindings().stream().anyMatch(f -> f.severity() == Severity.ERROR);
  }
}
