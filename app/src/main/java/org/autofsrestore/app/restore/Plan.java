package org.autofsrestore.app.restore;

import java.nio.file.Path;
import java.util.List;
import org.autofsrestore.app.autofs.Finding;

/**
 * A restore, as data: for each chosen autofs mount, its target and its stages of exact calls, and
 * the pre-flight findings. Computing it changes nothing and needs no privileges.
 */
public record Plan(
    Path imageDir, Path root, OwnerMode owner, List<MountPlan> mounts, List<Finding> findings) {
  public Plan {
    mounts = List.copyOf(mounts);
    findings = List.copyOf(findings);
  }
}
