package org.autofsrestore.app.dump.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.autofsrestore.app.dump.ImageFiles;

/**
 * The images of each task (core, ids, fdinfo) of a checkpoint archive, held in memory and written
 * into the private directory only when the dump reads one: a large dump has three per task, tens of
 * thousands of files of which an inspection opens a few, and creating and removing each on disk
 * cost many times what reading the archive does.
 */
final class HeldImages implements ImageFiles {
  /** Held at most: past this, a task's images are written as they come, like the others. */
  static final long MAX_HELD_BYTES = 256L * 1024 * 1024;

  /** The images of each task, by file name. */
  static boolean perTask(String fileName) {
    return fileName.startsWith("core-")
        || fileName.startsWith("ids-")
        || fileName.startsWith("fdinfo-");
  }

  private final Path directory;
  private final Map<String, byte[]> held = new HashMap<>();
  private long bytes;

  HeldImages(Path directory) {
    this.directory = directory;
  }

  /** Holds {@code content} as {@code fileName}, when there is room; false when there is not. */
  synchronized boolean hold(String fileName, byte[] content) {
    if (bytes + content.length > MAX_HELD_BYTES) {
      return false;
    }
    held.put(fileName, content);
    bytes += content.length;
    return true;
  }

  synchronized boolean holds(long size) {
    return bytes + size <= MAX_HELD_BYTES;
  }

  @Override
  public synchronized void ensure(Path file) throws IOException {
    if (!directory.equals(file.getParent())) {
      return;
    }
    byte[] content = held.remove(file.getFileName().toString());
    if (content == null) {
      return;
    }
    bytes -= content.length;
    write(file, content);
  }

  static void write(Path file, byte[] content) throws IOException {
    try (OutputStream out =
        Files.newOutputStream(
            file,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
      out.write(content);
    }
  }
}
