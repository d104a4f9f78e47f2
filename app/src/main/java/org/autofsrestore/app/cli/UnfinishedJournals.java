package org.autofsrestore.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.autofsrestore.app.restore.UnfinishedJournals.Listing;
import org.autofsrestore.app.restore.UnfinishedJournals.Unfinished;

/**
 * Says, beside a new journal, which journals there belong to runs that never finished, and the
 * commands that undo or resume each.
 */
final class UnfinishedJournals {
  private UnfinishedJournals() {}

  static void warn(Path newJournal, PrintWriter out) {
    Path dir = newJournal.toAbsolutePath().getParent();
    if (dir == null) {
      return;
    }
    Listing listing = org.autofsrestore.app.restore.UnfinishedJournals.in(dir);
    for (Unfinished u : listing.unfinished()) {
      if (u.journal().equals(newJournal.toAbsolutePath())) {
        continue;
      }
      out.println(
          "unfinished journal "
              + u.journal()
              + ": its run may have left mounts; "
              + (u.run().isPresent()
                  ? "resume it with `autofs-restore restore --resume " + u.journal() + "`, or "
                  : "")
              + "undo it with `autofs-restore undo --journal "
              + u.journal()
              + "`");
    }
    listing.unreadable().forEach((p, why) -> out.println("unreadable journal " + p + ": " + why));
  }
}
