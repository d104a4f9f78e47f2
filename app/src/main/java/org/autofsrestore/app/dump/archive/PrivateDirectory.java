package org.autofsrestore.app.dump.archive;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory only this user can enter (0700), under java.io.tmpdir, that is removed with all it
 * holds on every way out: {@link #close()}, and a shutdown hook for an exit that does not reach it
 * (System.exit, SIGTERM, SIGINT, SIGHUP). Only kill -9 leaves it behind.
 */
public final class PrivateDirectory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PrivateDirectory.class);

  private static final java.util.concurrent.atomic.AtomicLong COUNTER =
      new java.util.concurrent.atomic.AtomicLong();
  private static final java.nio.file.attribute.FileAttribute<?> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private final Path path;
  private final Thread removeOnExit;
  private boolean closed;

  private PrivateDirectory(Path path) {
    this.path = path;
    this.removeOnExit = new Thread(() -> remove(path), "remove " + path.getFileName());
  }

  /** Creates one; java.io.tmpdir is read now (Files.createTempDirectory caches it at startup). */
  static PrivateDirectory create() throws IOException {
    Path parent = Path.of(System.getProperty("java.io.tmpdir"));
    Path path = null;
    // Named by pid and a counter, not Files.createTempDirectory's random name: seeding its
    // SecureRandom costs a cold JVM over 100 ms. mkdir(2) fails on any name that exists (a
    // symbolic link too), so another user's guess can only make this try the next name.
    for (int attempt = 0; path == null; attempt++) {
      Path candidate =
          parent.resolve(
              "autofs-restore-archive-"
                  + ProcessHandle.current().pid()
                  + "-"
                  + COUNTER.incrementAndGet()
                  + "-"
                  + Long.toHexString(System.nanoTime()));
      try {
        path = Files.createDirectory(candidate, OWNER_ONLY);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
    PrivateDirectory directory = new PrivateDirectory(path);
    try {
      Runtime.getRuntime().addShutdownHook(directory.removeOnExit);
    } catch (IllegalStateException e) {
      remove(path); // the JVM is already shutting down
      throw new IOException("the JVM is shutting down", e);
    }
    return directory;
  }

  Path path() {
    return path;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(removeOnExit);
    } catch (IllegalStateException e) {
      // Shutting down: the hook runs, or has run, and removes it too.
    }
    remove(path);
  }

  /** Removes the tree; never follows a symbolic link (the walk does not). */
  private static void remove(Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      // Already gone.
    } catch (IOException e) {
      LOG.warn("cannot remove the private directory {}", root, e);
    }
  }
}
