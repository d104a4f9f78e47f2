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
    CriuLogAnalysis.Result r =
        CriuLogAnalysis.analyze(logs, inspection.mounts(), inspection.imageDir().toString());
    return inspection.withCriuLog(r.entries(), r.mountFindings(), r.dumpFindings());
  }

  /**
   * The inspection of a directory whose images cannot be read ({@code why}) but that holds CRIU
   * logs: of a failed dump ({@link FindingCode#DUMP_FAILED}) when one says "Dumping FAILED.", else
   * of the logs alone ({@link FindingCode#NO_IMAGES}: criu check's, a restore's). Empty when it
   * holds no CRIU log: then it is simply not a readable dump.
   */
  public static Optional<Inspection> withoutImages(Path directory, DumpUnreadableException why) {
    if (!Files.isDirectory(directory)) {
      return Optional.empty();
    }
    return withoutImages(directory, why, CriuLogReader.read(directory));
  }

  static Optional<Inspection> withoutImages(
      Path directory, DumpUnreadableException why, List<CriuLog> logs) {
    CriuLog failed = null;
    for (CriuLog log : logs) {
      if (log.outcome() == CriuLog.Outcome.DUMP_FAILED) {
        failed = log;
        break;
      }
    }
    if (failed == null && logs.isEmpty()) {
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
    CriuLogAnalysis.Result r = CriuLogAnalysis.analyzeKeys(logs, logged, directory.toString());
    List<Finding> fromLog = new ArrayList<>();
    for (List<Finding> onMount : r.mountFindings()) {
      fromLog.addAll(onMount);
    }
    fromLog.addAll(r.dumpFindings());
    boolean explained = false;
    for (Finding f : fromLog) {
      explained |= f.code() != FindingCode.CRIU_LOG_CUT;
    }
    String unreadable = firstSentence(why.getMessage());
    List<Finding> findings = new ArrayList<>();
    if (failed == null) {
      List<String> names = logs.stream().map(CriuLog::file).toList();
      findings.add(
          FindingCode.NO_IMAGES.at(
              null, unreadable, String.join(", ", names), String.valueOf(fromLog.size())));
    } else {
      String name = failed.file();
      String action =
          explained
              ? "The findings from the log below say why; fix that and run criu dump again."
              : "Read the Error lines before it in "
                  + name
                  + " (this tool explains CRIU's autofs messages only), fix that and run criu"
                  + " dump again.";
      findings.add(
          FindingCode.DUMP_FAILED.at(
              null,
              failed.outcomeLine().where(name),
              failed.outcomeLine().text().strip(),
              unreadable,
              action));
    }
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
