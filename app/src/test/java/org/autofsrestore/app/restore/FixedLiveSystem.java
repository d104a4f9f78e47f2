package org.autofsrestore.app.restore;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A snapshot of a live system for pure planning tests: paths not listed are missing. */
public final class FixedLiveSystem implements LiveSystem {
  final Map<Path, PathKind> paths = new HashMap<>();
  final Set<Path> autofsMounts = new HashSet<>();
  final Set<Path> otherMounts = new HashSet<>();
  final Map<Path, Integer> entries = new HashMap<>();
  boolean capSysAdmin = true;
  boolean devAutofs = true;

  public FixedLiveSystem directories(String... dirs) {
    for (String d : dirs) {
      paths.put(Path.of(d), PathKind.DIRECTORY);
    }
    return this;
  }

  FixedLiveSystem with(String path, PathKind kind) {
    paths.put(Path.of(path), kind);
    return this;
  }

  @Override
  public boolean hasCapSysAdmin() {
    return capSysAdmin;
  }

  @Override
  public Optional<String> devAutofsVersion() {
    return devAutofs ? Optional.of("1.1") : Optional.empty();
  }

  @Override
  public PathKind kindOf(Path path) {
    return paths.getOrDefault(path, PathKind.MISSING);
  }

  @Override
  public boolean isAutofsMountpoint(Path path) {
    return autofsMounts.contains(path);
  }

  @Override
  public boolean isMountpoint(Path path) {
    return autofsMounts.contains(path) || otherMounts.contains(path);
  }

  @Override
  public int entries(Path path) {
    return entries.getOrDefault(path, 0);
  }
}
