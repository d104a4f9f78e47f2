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
    Path path =
        Files.createTempDirectory(
            parent,
            "autofs-restore-archive-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
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
