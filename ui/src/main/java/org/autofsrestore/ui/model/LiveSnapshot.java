package org.autofsrestore.ui.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One read of the live host's mount namespace, held against the dump: what each dump mount's target
 * has now, every live autofs mount at or below the root, and the findings of the comparison.
 *
 * @param readAt when it was read, as shown (e.g. "21:40:02")
 * @param root the root the dump's mount points are looked for under (the session's --root)
 * @param error why the host could not be read (naming the file and the problem); empty when it was
 * @param byMount each dump mount's target, by {@link MountRow#id()}
 * @param host every live autofs mount at or below the root, in mountinfo order, those of the dump
 *     and those the dump lacks
 * @param findings every finding of the comparison (each mount's and the host's), worst first
 */
public record LiveSnapshot(
    String readAt,
    String root,
    String error,
    Map<String, LiveMountState> byMount,
    List<LiveMountState> host,
    List<Finding> findings) {
  public LiveSnapshot {
    // In the dump's order, so that what is written of it (the ui tests' sample) is stable.
    byMount = Collections.unmodifiableMap(new LinkedHashMap<>(byMount));
    host = List.copyOf(host);
    findings = List.copyOf(findings);
  }

  /** A read that failed: nothing is known of the host. */
  public static LiveSnapshot failed(String readAt, String root, String error) {
    return new LiveSnapshot(readAt, root, error, Map.of(), List.of(), List.of());
  }

  /** What the live host has at this dump mount's target; empty when the read failed. */
  public Optional<LiveMountState> of(String mountId) {
    return Optional.ofNullable(byMount.get(mountId));
  }

  /** The live mounts the dump lacks. */
  public List<LiveMountState> extra() {
    return host.stream().filter(LiveMountState::extra).toList();
  }
}
