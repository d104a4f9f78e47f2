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

  /** The unfinished journals ({@code *.jsonl}) in {@code directory}; none if it does not exist. */
  public static Listing in(Path directory) {
    List<Unfinished> unfinished = new ArrayList<>();
    Map<Path, String> unreadable = new LinkedHashMap<>();
    if (!Files.isDirectory(directory)) {
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
    try {
      if (!endsFinished(journal)) {
        unfinished.add(new Unfinished(journal, runOf(journal), Files.getLastModifiedTime(journal)));
      }
    } catch (IOException | IllegalArgumentException e) {
      unreadable.put(journal, String.valueOf(e.getMessage()));
    }
  }

  /** Whether a journal's last event is its run's finish. */
  public static boolean endsFinished(Path journal) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "r")) {
      long length = f.length();
      int tail = (int) Math.min(length, 4096);
      byte[] bytes = new byte[tail];
      f.seek(length - tail);
      f.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8).stripTrailing();
      String last = text.substring(text.lastIndexOf('\n') + 1);
      return last.contains("\"event\":\"finish\"");
    }
  }

  /**
   * The run its start line records.
   *
   * @throws IllegalArgumentException when the start line is malformed, naming the field
   */
  static Optional<RunRecord> runOf(Path journal) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      if (first == null || first.isBlank()) {
        return Optional.empty(); // created, and killed before its start line reached the disk
      }
      return RunRecord.from(FlatJson.parse(first));
    }
  }
}
