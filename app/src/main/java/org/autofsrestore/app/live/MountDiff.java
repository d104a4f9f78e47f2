package org.autofsrestore.app.live;

import java.util.List;
import java.util.Optional;
import org.autofsrestore.app.autofs.AutofsMount;
import org.autofsrestore.app.autofs.Finding;

/**
 * One autofs mount of the dump held against the live mount namespace.
 *
 * @param dump the dump's mount
 * @param target where it should be live: the root joined with its mount point
 * @param live the autofs mount there now, if any
 * @param findings each difference (and the live mount's own findings)
 */
public record MountDiff(
    AutofsMount dump, String target, Optional<LiveMount> live, List<Finding> findings) {
  public MountDiff {
    findings = List.copyOf(findings);
  }
}
