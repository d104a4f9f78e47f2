package org.autofsrestore.app.restore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autofsrestore.app.io.UntrustedFile;
import org.autofsrestore.app.json.FlatJson;

/**
 * Journals in a directory whose run never finished (killed, crashed, a lost SSH session, power
 * lost): such a run may have left mounts behind, to be undone or resumed. Only each journal's first
 * line (its run) and tail (its finish) are read: journals of big runs are megabytes, and this runs
 * before every restore and when the UI opens.
 */
public final class UnfinishedJournals {
  private UnfinishedJournals() {}

  /**
   * One unfinished journal.
   *
   * @param run what its start line records, empty when it records none (a --sandbox run, an older
   *     version's): it can be undone, not resumed
   * @param modified when it was last written: its run's last sign of life
   */
  public record Unfinished(Path journal, Optional<RunRecord> run, FileTime modified) {}

  /**
   * @param unfinished newest first
   * @param unreadable journals that could not be read, with why
   */
  public record Listing(List<Unfinished> unfinished, Map<Path, String> unreadable) {
    public Listing {
      unfinished = List.copyOf(unfinished);
      unreadable = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unreadable));
    }
  }

  /**
   * The unfinished journals ({@code *.jsonl}) in {@code directory}; none if it does not exist. A
   * directory or a journal {@link JournalTrust} refuses is listed as unreadable, with why.
   */
  public static Listing in(Path directory) {
    List<Unfinished> unfinished = new ArrayList<>();
    Map<Path, String> unreadable = new LinkedHashMap<>();
    if (!Files.isDirectory(directory)) {
      return new Listing(unfinished, unreadable);
    }
    try {
      JournalTrust.checkDirectory(directory.resolve("*.jsonl"), directory);
    } catch (IOException e) {
      unreadable.put(directory, String.valueOf(e.getMessage()));
      return new Listing(unfinished, unreadable);
    }
    try (DirectoryStream<Path> journals = Files.newDirectoryStream(directory, "*.jsonl")) {
      for (Path journal : journals) {
        add(journal, unfinished, unreadable);
      }
    } catch (IOException e) {
      unreadable.put(directory, e.getMessage());
    }
    unfinished.sort(Comparator.comparing(Unfinished::modified).reversed());
    return new Listing(unfinished, unreadable);
  }

  /** The one journal, if its run is unfinished. */
  public static Listing of(Path journal) {
    List<Unfinished> unfinished = new ArrayList<>();
    Map<Path, String> unreadable = new LinkedHashMap<>();
    add(journal, unfinished, unreadable);
    return new Listing(unfinished, unreadable);
  }

  private static void add(Path journal, List<Unfinished> unfinished, Map<Path, String> unreadable) {
    // Opened once (no symlink, no FIFO: a FIFO named *.jsonl would block a plain open forever)
    // and checked; both reads below go through that open file.
    try (UntrustedFile held = JournalTrust.open(journal);
        RandomAccessFile f = new RandomAccessFile(held.byFd().toFile(), "r")) {
      if (!endsFinished(f)) {
        unfinished.add(
            new Unfinished(journal, runOf(held), Files.getLastModifiedTime(held.byFd())));
      }
    } catch (IOException | IllegalArgumentException e) {
      unreadable.put(journal, String.valueOf(e.getMessage()));
    }
  }

  /** Whether a journal's last event is its run's finish (checked as {@link JournalTrust} asks). */
  public static boolean endsFinished(Path journal) throws IOException {
    try (UntrustedFile held = JournalTrust.open(journal);
        RandomAccessFile f = new RandomAccessFile(held.byFd().toFile(), "r")) {
      return endsFinished(f);
    }
  }

  /**
   * Whether the last event is a finish, whatever the length of its line (an undo's finish names
   * every mount it touched: 5,346 bytes for 150 mounts). Read backwards from the end, a chunk at a
   * time, so a big journal's head is never read. A torn last line (a write cut short) is skipped,
   * as a replay skips it; the line before it decides.
   */
  static boolean endsFinished(RandomAccessFile f) throws IOException {
    long end = f.length();
    for (int tries = 0; tries < 2; tries++) {
      Tail tail = lastLine(f, end);
      if (tail == null) {
        return false;
      }
      try {
        Map<String, Object> event = FlatJson.parse(new String(tail.line(), StandardCharsets.UTF_8));
        return "finish".equals(event.get("event"));
      } catch (IllegalArgumentException torn) {
        end = tail.start();
      }
    }
    return false;
  }

  /** A line read from the end, and the offset where it begins. */
  private record Tail(byte[] line, long start) {}

  /**
   * The last non-blank line of the file's first {@code end} bytes, without its newline; null when
   * there is none.
   */
  private static Tail lastLine(RandomAccessFile f, long end) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    java.io.ByteArrayOutputStream reversed = new java.io.ByteArrayOutputStream();
    long pos = end;
    boolean inLine = false;
    while (pos > 0) {
      int n = (int) Math.min(chunk.length, pos);
      pos -= n;
      f.seek(pos);
      f.readFully(chunk, 0, n);
      for (int i = n - 1; i >= 0; i--) {
        byte b = chunk[i];
        if (!inLine) {
          if (b == '\n' || b == '\r' || b == ' ' || b == '\t') {
            continue;
          }
          inLine = true;
        } else if (b == '\n') {
          return new Tail(reverse(reversed.toByteArray()), pos + i);
        }
        reversed.write(b);
      }
    }
    return inLine ? new Tail(reverse(reversed.toByteArray()), 0) : null;
  }

  private static byte[] reverse(byte[] b) {
    for (int i = 0, j = b.length - 1; i < j; i++, j--) {
      byte t = b[i];
      b[i] = b[j];
      b[j] = t;
    }
    return b;
  }

  /**
   * The run its start line records.
   *
   * @throws IllegalArgumentException when the start line is malformed, naming the field
   */
  static Optional<RunRecord> runOf(UntrustedFile held) throws IOException {
    try (BufferedReader in =
        new BufferedReader(new java.io.InputStreamReader(held.read(), StandardCharsets.UTF_8))) {
      String first = in.readLine();
      if (first == null || first.isBlank()) {
        return Optional.empty(); // created, and killed before its start line reached the disk
      }
      return RunRecord.from(FlatJson.parse(first));
    }
  }
}
