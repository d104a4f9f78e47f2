package org.autofsrestore.app.criulog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.dump.Dump;
import org.autofsrestore.app.dump.DumpUnreadableException;

/**
 * A dump's inspection with what CRIU's logs beside its images say; and, for a directory whose
 * images cannot be read but whose dump.log says the dump failed, an inspection of that failure.
 */
public final class CriuLogInspection {
  private CriuLogInspection() {}

  /** {@link AutofsAnalysis#inspect}, with the findings of the CRIU logs in the dump directory. */
  public static Inspection inspect(Dump dump) {
    Inspection inspection = AutofsAnalysis.inspect(dump);
    return withLogs(inspection, CriuLogReader.read(dump.directory()));
  }

  /** {@code inspection} with the findings of {@code logs}. */
  public static Inspection withLogs(Inspection inspection, List<CriuLog> logs) {
    if (logs.isEmpty()) {
      return inspection;
    }
    CriuLogAnalysis.Result r = CriuLogAnalysis.analyze(logs, inspection.mounts());
    return inspection.withCriuLog(r.entries(), r.mountFindings(), r.dumpFindings());
  }

  /**
   * The inspection of a failed dump: {@code directory}'s images cannot be read ({@code why}) and
   * one of its CRIU logs says "Dumping FAILED.". Empty when no log says so: then the directory is
   * simply not a readable dump.
   */
  public static Optional<Inspection> failedDump(Path directory, DumpUnreadableException why) {
    if (!Files.isDirectory(directory)) {
      return Optional.empty();
    }
    return failedDump(directory, why, CriuLogReader.read(directory));
  }

  static Optional<Inspection> failedDump(
      Path directory, DumpUnreadableException why, List<CriuLog> logs) {
    CriuLog failed = null;
    for (CriuLog log : logs) {
      if (log.outcome() == CriuLog.Outcome.DUMP_FAILED) {
        failed = log;
        break;
      }
    }
    if (failed == null) {
      return Optional.empty();
    }
    // No images: the mounts are those CRIU logged while collecting them (-v4), if it did.
    List<MountKeys> logged = new ArrayList<>();
    for (CriuLog log : logs) {
      for (MountKeys m : log.mounts()) {
        if (logged.stream().noneMatch(k -> k.mntId() == m.mntId())) {
          logged.add(m);
        }
      }
    }
    CriuLogAnalysis.Result r = CriuLogAnalysis.analyzeKeys(logs, logged);
    List<Finding> fromLog = new ArrayList<>();
    for (List<Finding> onMount : r.mountFindings()) {
      fromLog.addAll(onMount);
    }
    fromLog.addAll(r.dumpFindings());
    boolean explained = false;
    for (Finding f : fromLog) {
      explained |= f.code() != FindingCode.CRIU_LOG_CUT;
    }
    String name = failed.file();
    String action =
        explained
            ? "The findings from the log below say why; fix that and run criu dump again."
            : "Read the Error lines before it in "
                + name
                + " (this tool explains CRIU's autofs messages only), fix that and run criu"
                + " dump again.";
    String unreadable = firstSentence(why.getMessage());
    List<Finding> findings = new ArrayList<>();
    findings.add(
        FindingCode.DUMP_FAILED.at(
            null,
            failed.outcomeLine().where(name),
            failed.outcomeLine().text().strip(),
            unreadable,
            action));
    Inspection inspection = new Inspection(directory, List.of(), List.copyOf(findings));
    return Optional.of(inspection.withCriuLog(r.entries(), List.of(), fromLog));
  }

  private static String firstSentence(String message) {
    int colon = message.indexOf(": ");
    String s = colon >= 0 ? message.substring(colon + 2) : message;
    int stop = s.indexOf(". ");
    return stop >= 0 ? s.substring(0, stop) : s;
  }
}
