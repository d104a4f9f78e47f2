package org.autofsrestore.app.dump.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.autofsrestore.app.dump.DumpUnreadableException;
import org.autofsrestore.app.dump.ImageFiles;

/**
 * A dump as a command gave it, opened: a CRIU image directory as it is, or a checkpoint archive
 * whose images were written into a private directory, which {@link #close()} removes (as does the
 * JVM's exit, however it comes). Hold it open as long as the dump is read: images are read on
 * demand, for as long as the UI or a restore runs.
 *
 * @param source what was given: the directory or the archive
 * @param imageDirectory where the CRIU images are (the directory itself, or the private one)
 * @param images brings an archive's images held in memory into the image directory when read
 * @param container the container an archive's metadata describes; empty for a directory
 */
public record OpenedDump(
    Path source,
    Path imageDirectory,
    ImageFiles images,
    Optional<Container> container,
    Optional<PrivateDirectory> privateDirectory)
    implements AutoCloseable {

  /**
   * Opens {@code dump}: a directory as it is; a regular file as a checkpoint archive, recognised by
   * its first bytes. Anything else is passed on as a directory, for the loader to say what it is.
   *
   * @throws DumpUnreadableException when an archive cannot be read, or is refused
   */
  public static OpenedDump open(Path dump) throws DumpUnreadableException {
    if (!Files.isRegularFile(dump)) {
      return new OpenedDump(dump, dump, ImageFiles.ON_DISK, Optional.empty(), Optional.empty());
    }
    PrivateDirectory directory;
    try {
      directory = PrivateDirectory.create();
    } catch (IOException e) {
      throw new DumpUnreadableException(
          dump,
          "cannot create a private directory under "
              + System.getProperty("java.io.tmpdir")
              + " to read "
              + dump
              + " into: "
              + e.getMessage()
              + "; point TMPDIR elsewhere (JAVA_OPTS=-Djava.io.tmpdir=DIR)",
          e);
    }
    try {
      CheckpointArchive.Extracted extracted = CheckpointArchive.extract(dump, directory.path());
      return new OpenedDump(
          dump,
          directory.path().resolve(CheckpointArchive.IMAGES),
          extracted.held(),
          extracted.container(),
          Optional.of(directory));
    } catch (DumpUnreadableException | RuntimeException | Error e) {
      directory.close();
      throw e;
    }
  }

  /** Whether the dump came from an archive. */
  public boolean fromArchive() {
    return privateDirectory.isPresent();
  }

  /**
   * {@code message} (the loader's, about a file of the image directory) with the private
   * directory's path replaced by the archive's: that path means nothing to the operator and is gone
   * when the command ends.
   */
  public String inArchiveTerms(String message) {
    if (!fromArchive()) {
      return message;
    }
    return message
        .replace(imageDirectory + "/", source + ":checkpoint/")
        .replace(imageDirectory.toString(), source + ":checkpoint/");
  }

  @Override
  public void close() {
    privateDirectory.ifPresent(PrivateDirectory::close);
  }
}
