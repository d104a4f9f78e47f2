package org.autofsrestore.app.criulog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.autofsrestore.app.dump.CriuLogLimits;
import org.autofsrestore.app.io.UntrustedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the files CRIU wrote beside a dump's images and reads their problem lines. A file is a CRIU
 * log by its content, whatever its name: among its first lines one in CRIU's format ({@code
 * (00.000123) ...}, or {@code Error (criu/FILE.c:N): ...}). Images ({@code *.img}) are CRIU's but
 * not logs, and are not opened. Symbolic links and anything but regular files are passed over: a
 * dump may come from anywhere, and this runs as root.
 */
public final class CriuLogReader {
  private static final Logger LOG = LoggerFactory.getLogger(CriuLogReader.class);

  private static final Pattern VERSION = Pattern.compile("Version: (\\S+)");

  private CriuLogReader() {}

  /** The CRIU logs in {@code directory}, by name; none when it cannot be listed. */
  public static List<CriuLog> read(Path directory) {
    List<Path> candidates = new ArrayList<>();
    try (DirectoryStream<Path> names = Files.newDirectoryStream(directory)) {
      for (Path p : names) {
        String name = p.getFileName().toString();
        if (name.endsWith(".img") || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        candidates.add(p);
        if (candidates.size() == CriuLogLimits.MAX_FILES_SNIFFED) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.info("cannot list {} for CRIU logs", directory, e);
      return List.of();
    }
    candidates.sort(null);
    List<CriuLog> logs = new ArrayList<>();
    long budget = CriuLogLimits.MAX_BYTES_TOTAL;
    int problemBudget = CriuLogLimits.MAX_PROBLEM_LINES;
    for (Path p : candidates) {
      // Opened as UntrustedFile (no symlink, non-blocking, a regular file only): the listing's
      // check above is by name, and a FIFO swapped in after it must not hang the tool.
      try (UntrustedFile held = UntrustedFile.open(p);
          SeekableByteChannel in = Files.newByteChannel(held.byFd(), StandardOpenOption.READ)) {
        if (!isCriuLog(in)) {
          continue;
        }
        long size = in.size();
        long allowed = Math.min(CriuLogLimits.MAX_BYTES_PER_FILE, budget);
        if (allowed <= 0) {
          LOG.info("{} not read: the CRIU logs' byte budget is spent", p);
          logs.add(unread(p, size));
          continue;
        }
        CriuLog log = readLog(in, p.getFileName().toString(), size, allowed, problemBudget);
        budget -= Math.min(size, allowed);
        problemBudget -= log.problems().size();
        logs.add(log);
      } catch (IOException | RuntimeException e) {
        LOG.info("cannot read {} as a CRIU log", p, e);
      }
    }
    return List.copyOf(logs);
  }

  private static CriuLog unread(Path p, long size) {
    return new CriuLog(
        p.getFileName().toString(),
        size,
        List.of(),
        CriuLog.Outcome.UNKNOWN,
        null,
        null,
        "none of it: the logs before it used up CriuLogLimits.MAX_BYTES_TOTAL ("
            + CriuLogLimits.MAX_BYTES_TOTAL
            + " bytes)",
        List.of());
  }

  private static boolean isCriuLog(SeekableByteChannel in) throws IOException {
    byte[] head = readAt(in, 0, CriuLogLimits.SNIFF_BYTES);
    for (byte b : head) {
      if (b == 0) {
        return false; // binary
      }
    }
    int checked = 0;
    for (String line : new String(head, StandardCharsets.UTF_8).split("\n", 33)) {
      if (checked++ == 32) {
        break;
      }
      if (CriuLogLine.CRIU_LINE.matcher(line).find()) {
        return true;
      }
    }
    return false;
  }

  private static CriuLog readLog(
      SeekableByteChannel in, String name, long size, long allowed, int problemBudget)
      throws IOException {
    Scan scan = new Scan(problemBudget);
    String cut = null;
    if (size <= allowed) {
      scan.lines(readAt(in, 0, (int) size), 1, false, true);
    } else {
      int half = (int) (allowed / 2);
      scan.lines(readAt(in, 0, half), 1, false, false);
      scan.lines(readAt(in, size - half, half), null, true, true);
      cut =
          "its first and last "
              + half
              + " of "
              + size
              + " bytes (CriuLogLimits.MAX_BYTES_PER_FILE, "
              + CriuLogLimits.MAX_BYTES_PER_FILE
              + ")";
    }
    if (scan.full && cut == null) {
      cut = "up to its " + CriuLogLimits.MAX_PROBLEM_LINES + "th problem line in all logs";
    }
    return new CriuLog(
        name, size, scan.problems, scan.outcome, scan.outcomeLine, scan.version, cut, scan.mounts);
  }

  private static byte[] readAt(SeekableByteChannel in, long at, int count) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.max(0, Math.min(count, in.size() - at)));
    in.position(at);
    while (buf.hasRemaining() && in.read(buf) > 0) {
      // until full or at the end
    }
    return buf.flip().remaining() == buf.capacity()
        ? buf.array()
        : java.util.Arrays.copyOf(buf.array(), buf.remaining());
  }

  /** What one pass over a log's lines keeps. */
  private static final class Scan {
    final List<CriuLogLine> problems = new ArrayList<>();
    final List<MountKeys> mounts = new ArrayList<>();
    final int limit;
    CriuLog.Outcome outcome = CriuLog.Outcome.UNKNOWN;
    CriuLogLine outcomeLine;
    String version;
    boolean full;

    Scan(int limit) {
      this.limit = limit;
    }

    /**
     * The lines of {@code bytes}, the first numbered {@code first} (null: not numbered); a partial
     * first line (dropFirst) or last line (not keepLast) is skipped.
     */
    void lines(byte[] bytes, Integer first, boolean dropFirst, boolean keepLast) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      int from = 0;
      int number = first == null ? 0 : first;
      if (dropFirst) {
        int nl = text.indexOf('\n');
        from = nl < 0 ? text.length() : nl + 1;
      }
      while (from < text.length()) {
        int nl = text.indexOf('\n', from);
        if (nl < 0 && !keepLast) {
          break;
        }
        int end = nl < 0 ? text.length() : nl;
        String line = text.substring(from, Math.min(end, from + CriuLogLimits.MAX_LINE_CHARS));
        line(first == null ? null : number, line);
        number++;
        from = end + 1;
      }
    }

    private void line(Integer number, String raw) {
      if (version == null && number != null && number <= 3) {
        Matcher v = VERSION.matcher(raw);
        if (v.find()) {
          version = v.group(1);
        }
      }
      CriuLog.Outcome said = outcomeOf(raw);
      if (said != null) {
        outcome = said;
        outcomeLine =
            CriuLogLine.parse(number, raw).orElse(new CriuLogLine(number, raw, "", "", raw));
      }
      if (full) {
        return;
      }
      if (mounts.size() < CriuLogLimits.MAX_PROBLEM_LINES) {
        MountKeys.logged(raw).ifPresent(mounts::add);
      }
      var problem = CriuLogLine.parse(number, raw);
      if (problem.isPresent()) {
        full = problems.size() >= limit;
        if (!full) {
          problems.add(problem.get());
        }
      }
    }
  }

  private static CriuLog.Outcome outcomeOf(String raw) {
    if (raw.endsWith("Dumping finished successfully")) {
      return CriuLog.Outcome.DUMP_OK;
    } else if (raw.endsWith("Dumping FAILED.")) {
      return CriuLog.Outcome.DUMP_FAILED;
    } else if (raw.contains("Restore finished successfully")) {
      return CriuLog.Outcome.RESTORE_OK;
    } else if (raw.endsWith("Restoring FAILED.")) {
      return CriuLog.Outcome.RESTORE_FAILED;
    }
    return null;
  }
}
