package org.autofsrestore.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.autofsrestore.app.restore.JournalReplay;

/**
 * Finds journals beside a new one whose run never finished (killed, crashed, power lost) and says
 * how to undo each: such a run may have left mounts behind.
 */
final class UnfinishedJournals {
  private UnfinishedJournals() {}

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
          JournalReplay replay = JournalReplay.read(journal);
          if (!replay.finished() && !replay.mountedTargets().isEmpty()) {
            out.println(
                "unfinished journal "
                    + journal
                    + " ("
                    + replay.mountedTargets().size()
                    + " mount(s)): undo it with `autofs-restore undo --journal "
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
