package org.autofsrestore.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds journals beside a new one whose run never finished (killed, crashed, power lost) and says
 * how to undo each: such a run may have left mounts behind.
 */
final class UnfinishedJournals {
  private UnfinishedJournals() {}

  /**
   * Whether a journal's last event is its run's finish. Only the file's tail is read: journals of
   * big runs are megabytes, and this runs before every restore.
   */
  static boolean endsFinished(Path journal) throws IOException {
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(journal.toFile(), "r")) {
      long length = f.length();
      int tail = (int) Math.min(length, 4096);
      byte[] bytes = new byte[tail];
      f.seek(length - tail);
      f.readFully(bytes);
      String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).stripTrailing();
      String last = text.substring(text.lastIndexOf('\n') + 1);
      return last.contains("\"event\":\"finish\"");
    }
  }

  static void warn(Path newJournal, PrintWriter out) {
    Path dir = newJournal.toAbsolutePath().getParent();
    if (dir == null) {
      return;
    }
    try (DirectoryStream<Path> journals = Files.newDirectoryStream(dir, "*.jsonl")) {
      for (Path journal : journals) {
        if (journal.equals(newJournal.toAbsolutePath())) {
          continue;
        }
        try {
          if (!endsFinished(journal)) {
            out.println(
                "unfinished journal "
                    + journal
                    + ": its run may have left mounts; undo it with `autofs-restore undo --journal "
                    + journal
                    + "`");
          }
        } catch (IOException e) {
          out.println("unreadable journal " + journal + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      // no directory to look in: nothing unfinished there
    }
  }
}
