package org.autofsrestore.app.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import org.autofsrestore.app.io.UntrustedFile;
import org.autofsrestore.app.io.UntrustedFile.Problem;
import org.autofsrestore.app.io.UntrustedFile.Refused;

/**
 * A journal says what to unmount and remove, and this tool runs as root: it is read only if nobody
 * else could have written it. The file is opened once ({@link UntrustedFile}: O_NOFOLLOW, non-
 * blocking, a regular file) and must belong to the user running the tool and not be writable by
 * group or others; its directory must belong to that user (or to root) and not be writable by group
 * or others, or someone else could have put another journal in its place.
 */
public final class JournalTrust {
  /** Far above a 100,000-mount run's journal (about 200 MB): a bound, not a working size. */
  public static final long MAX_BYTES = 1L << 30;

  private JournalTrust() {}

  /**
   * Opens {@code journal} and checks it and its directory.
   *
   * @throws Refused with the sentence that says why and what to do
   * @throws IOException when it cannot be opened (missing, permissions)
   */
  public static UntrustedFile open(Path journal) throws IOException {
    checkDirectory(journal, directoryOf(journal));
    UntrustedFile held;
    try {
      held = UntrustedFile.open(journal);
    } catch (Refused r) {
      throw new Refused(
          journal,
          r.problem(),
          "the journal "
              + r.getMessage()
              + (r.problem() == Problem.SYMLINK ? "" : "; a journal is a file this tool wrote"));
    }
    try {
      UntrustedFile.Attributes a = held.attributes();
      int me = UntrustedFile.effectiveUid();
      if (a.uid() != me) {
        throw new Refused(
            journal,
            Problem.OWNER,
            "the journal "
                + journal
                + " belongs to uid "
                + a.uid()
                + ", not to uid "
                + me
                + " running this: refused (whoever owns it chose what it asks to unmount); run"
                + " as uid "
                + a.uid()
                + ", or check the file and chown it if you trust it");
      }
      if ((a.permissions() & 0022) != 0) {
        throw new Refused(
            journal,
            Problem.WRITABLE_BY_OTHERS,
            "the journal "
                + journal
                + " is writable by group or others (mode "
                + octal(a.permissions())
                + "): refused (anyone could have written what it asks to unmount); check it,"
                + " then chmod go-w "
                + journal);
      }
      if (a.size() > MAX_BYTES) {
        throw new Refused(
            journal,
            Problem.TOO_LARGE,
            "the journal "
                + journal
                + " is "
                + a.size()
                + " bytes, above "
                + MAX_BYTES
                + ": refused");
      }
      return held;
    } catch (IOException | RuntimeException e) {
      held.close();
      throw e;
    }
  }

  /**
   * Checks that the directory a journal is (or is to be) in belongs to this user or to root and
   * that no one else can write it.
   *
   * @throws Refused naming the directory, its owner or mode, and what to do
   */
  public static void checkDirectory(Path journal, Path directory) throws IOException {
    Map<String, Object> a = Files.readAttributes(directory, "unix:uid,mode");
    int uid = (Integer) a.get("uid");
    int mode = (Integer) a.get("mode") & 07777;
    int me = UntrustedFile.effectiveUid();
    if (uid != me && uid != 0) {
      throw new Refused(
          journal,
          Problem.OWNER,
          "the journal's directory "
              + directory
              + " belongs to uid "
              + uid
              + ", not to uid "
              + me
              + " running this (nor to root): refused (its owner could swap the journal);"
              + " keep journals in a directory of your own");
    }
    if ((mode & 0022) != 0) {
      throw new Refused(
          journal,
          Problem.WRITABLE_BY_OTHERS,
          "the journal's directory "
              + directory
              + " is writable by group or others (mode "
              + octal(mode)
              + "): refused (anyone could swap the journal); keep journals in a directory"
              + " only you can write, such as ~/.local/state/autofs-restore");
    }
  }

  static Path directoryOf(Path journal) {
    Path parent = journal.toAbsolutePath().getParent();
    return parent == null ? Path.of("/") : parent;
  }

  /** Whether {@code directory} exists and belongs to someone other than this user and root. */
  static boolean ownedBySomeoneElse(Path directory) {
    try {
      int uid = (Integer) Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      return uid != 0 && uid != UntrustedFile.effectiveUid();
    } catch (IOException e) {
      return false; // not there yet: it is created as this user's
    }
  }

  static String octal(int mode) {
    return String.format("%04o", mode);
  }
}
