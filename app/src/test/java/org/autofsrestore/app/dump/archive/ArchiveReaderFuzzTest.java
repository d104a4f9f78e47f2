package org.autofsrestore.app.dump.archive;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.autofsrestore.app.dump.DumpUnreadableException;

/**
 * Any bytes as a checkpoint archive, read the way every command opens one ({@link
 * CheckpointArchive#extract}: {@link Compression} told by the first bytes, the bounded decompressed
 * stream, {@link TarStream}, what is kept): as they are, and again behind gzip, so the fuzzer's
 * tars are read through a decompressor too (the seeds' zstd and xz archives, mutated, reach those
 * decompressors as damaged streams). The only outcomes allowed are an archive read or its refusal,
 * a {@link DumpUnreadableException} (exit 3) whose words name the archive and carry no exception
 * class name; anything else thrown, a hang (libFuzzer's -timeout) or running out of the fuzzing
 * JVM's 512 MiB heap is a finding.
 */
class ArchiveReaderFuzzTest {
  private static final Path WORK = workDirectory();

  @FuzzTest(maxDuration = "20s")
  void anArchiveIsReadOrRefused(byte[] input) throws IOException {
    readOrRefused(input);
    ByteArrayOutputStream gzip = new ByteArrayOutputStream(input.length / 2 + 64);
    try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
      out.write(input);
    }
    readOrRefused(gzip.toByteArray());
  }

  private static void readOrRefused(byte[] bytes) throws IOException {
    Path archive = WORK.resolve("archive");
    Path directory = WORK.resolve("private");
    Files.write(archive, bytes);
    Files.createDirectory(directory);
    try {
      CheckpointArchive.Extracted read = CheckpointArchive.extract(archive, directory);
      assertTrue(read.container() != null);
    } catch (DumpUnreadableException refused) {
      String message = refused.getMessage();
      assertTrue(message.startsWith(archive.toString()), message);
      // A Java class name must not reach the operator; the names quoted from the archive may hold
      // any text (the fuzzer wrote "Exception" into one), so they are left out of the check.
      String ours = message.replaceAll("'[^']*'", "''");
      for (Throwable t = refused.getCause(); t != null; t = t.getCause()) {
        assertFalse(ours.contains(t.getClass().getSimpleName()), message);
      }
    } finally {
      removeTree(directory);
    }
  }

  private static void removeTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static Path workDirectory() {
    try {
      // Two files and two directories made and removed per input: on tmpfs where there is one.
      Path shm = Path.of("/dev/shm");
      Path dir =
          Files.isDirectory(shm) && Files.isWritable(shm)
              ? Files.createTempDirectory(shm, "archive-reader-fuzz")
              : Files.createTempDirectory("archive-reader-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
