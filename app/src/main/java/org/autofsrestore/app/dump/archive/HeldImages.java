package org.autofsrestore.app.dump.archive;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.autofsrestore.app.dump.ArchiveLimits;
import org.autofsrestore.app.dump.ImageFiles;

/**
 * The images a checkpoint archive kept, held in memory, where the loader reads them: none is
 * written to the private directory unless they pass {@link ArchiveLimits#MAX_HELD_BYTES}. A large
 * dump keeps three images per task, and an inspection of 10,000 mounts opens some 2,000 (the autofs
 * images and their owners' core, ids and fdinfo): writing them cost more than the rest of the
 * inspection, about a millisecond per file on a disk-backed /tmp (see {@link ImageFiles}).
 */
final class HeldImages implements ImageFiles {
  private final Path directory;
  private final long maxHeldBytes =
      ArchiveLimits.of("MAX_HELD_BYTES", ArchiveLimits.MAX_HELD_BYTES);

  /** Written while the archive is read, then only read (by the loader's two threads). */
  private final Map<String, byte[]> held = new ConcurrentHashMap<>();

  private long bytes;

  HeldImages(Path directory) {
    this.directory = directory;
  }

  /** Whether an image of {@code size} bytes can still be held. */
  boolean holds(long size) {
    return bytes + size <= maxHeldBytes;
  }

  /** Holds {@code content} as {@code fileName}; the caller checked {@link #holds} first. */
  void hold(String fileName, byte[] content) {
    held.put(fileName, content);
    bytes += content.length;
  }

  @Override
  public byte[] held(Path file) {
    if (!directory.equals(file.getParent())) {
      return null;
    }
    return held.get(file.getFileName().toString());
  }

  @Override
  public Collection<String> heldNames() {
    return Collections.unmodifiableSet(held.keySet());
  }
}
