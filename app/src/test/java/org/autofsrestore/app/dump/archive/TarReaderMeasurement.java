package org.autofsrestore.app.dump.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The harness behind the choice between {@link TarStream} and commons-compress's {@code
 * TarArchiveInputStream} (issue 27): reads every entry of one tar, every byte of each file entry,
 * with one reader, over the same 64 KiB-buffered stream of the file, and prints the entries, the
 * bytes and the milliseconds from the first read to the last. {@code bench/tar-readers} runs it in
 * a fresh JVM per run (a checkout's inspect is one cold process), alternating the readers.
 *
 * <p>Usage: {@code TarReaderMeasurement tarstream|commons FILE}.
 */
public final class TarReaderMeasurement {
  private static final int BUFFER = 64 * 1024;

  private TarReaderMeasurement() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: TarReaderMeasurement tarstream|commons FILE");
      System.exit(2);
    }
    Path file = Path.of(args[1]);
    long start = System.nanoTime();
    long[] counted;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
      counted =
          switch (args[0]) {
            case "tarstream" -> withTarStream(in);
            case "commons" -> withCommonsCompress(in);
            default -> throw new IllegalArgumentException("no reader " + args[0]);
          };
    }
    double millis = (System.nanoTime() - start) / 1e6;
    System.out.printf("%s entries=%d bytes=%d ms=%.1f%n", args[0], counted[0], counted[1], millis);
  }

  private static long[] withTarStream(InputStream in) throws IOException {
    TarStream tar = new TarStream(in);
    byte[] buf = new byte[BUFFER];
    long entries = 0;
    long bytes = 0;
    for (TarStream.Entry e = tar.next(); e != null; e = tar.next()) {
      entries++;
      if (e.isFile()) {
        for (int n = tar.read(buf, 0, buf.length); n > 0; n = tar.read(buf, 0, buf.length)) {
          bytes += n;
        }
      }
    }
    return new long[] {entries, bytes};
  }

  private static long[] withCommonsCompress(InputStream in) throws IOException {
    // The stream is already buffered: the reader gets it as the product would give it.
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    byte[] buf = new byte[BUFFER];
    long entries = 0;
    long bytes = 0;
    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
      entries++;
      if (e.isFile()) {
        for (int n = tar.read(buf, 0, buf.length); n > 0; n = tar.read(buf, 0, buf.length)) {
          bytes += n;
        }
      }
    }
    return new long[] {entries, bytes};
  }
}
