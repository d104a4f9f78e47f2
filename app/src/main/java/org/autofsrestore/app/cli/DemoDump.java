package org.autofsrestore.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The demo dump inside the jar (a CRIU image directory with five autofs mounts of every mode),
 * unpacked once into a cache directory so every command can open it like any other dump.
 */
final class DemoDump {
  private static final String RESOURCE = "/demo-dump/";

  private DemoDump() {}

  static Path directory() {
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base =
        cache != null && !cache.isEmpty()
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".cache");
    Path dir = base.resolve("autofs-restore").resolve("demo-dump");
    try {
      Files.createDirectories(dir);
      for (String name : manifest()) {
        try (InputStream in = DemoDump.class.getResourceAsStream(RESOURCE + name)) {
          if (in == null) {
            throw new IOException("the jar lacks " + RESOURCE + name);
          }
          Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the demo dump into " + dir, e);
    }
  }

  private static String[] manifest() throws IOException {
    try (InputStream in = DemoDump.class.getResourceAsStream(RESOURCE + "MANIFEST")) {
      if (in == null) {
        throw new IOException("the jar lacks " + RESOURCE + "MANIFEST");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\\s+");
    }
  }
}
