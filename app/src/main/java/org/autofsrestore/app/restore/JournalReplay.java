package org.autofsrestore.app.restore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autofsrestore.app.json.FlatJson;

/**
 * What a journal says a run changed: the mounts it made (or was making when it stopped) and the
 * directories it created, in the order it did, whether the run ended cleanly, and, for a resume,
 * the run it records ({@link RunRecord}), the process groups its runs gave the mounts, and each
 * mount's progress. A torn line (a write cut short by a full disk, a crash or power lost) is
 * skipped with a warning: the last line, a line cut before its closing brace, or one the next line
 * repeats whole (the journal writes a failed write again); any other bad line is an error naming
 * the line.
 *
 * @param root the root the run restored under, as its start line records it; empty for a journal
 *     that records none (undo then acts on nothing)
 * @param pgrps the process group of the first run and of every resume of it
 * @param progress per mount point, what its calls did as far as the journal knows
 * @param lastSeq the highest event number: a resume appends after it
 */
public record JournalReplay(
    Path file,
    List<String> mountedTargets,
    List<String> createdDirectories,
    boolean finished,
    Optional<RunRecord> run,
    List<Long> pgrps,
    Map<String, MountProgress> progress,
    long lastSeq,
    Optional<Path> root,
    List<String> warnings) {

  public JournalReplay {
    mountedTargets = List.copyOf(mountedTargets);
    createdDirectories = List.copyOf(createdDirectories);
    pgrps = List.copyOf(pgrps);
    progress = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(progress));
    warnings = List.copyOf(warnings);
  }

  /**
   * One mount's calls as the journal has them. A batch's events reach the disk at its end, so a
   * {@code kill -9} mid-batch leaves only the intent: then nothing here is known, and a resume asks
   * the kernel.
   *
   * @param intended an intent names it: a call of it may have run
   * @param begun the calls begun, by label, in order (a call begun and neither ended nor failed has
   *     an outcome only the kernel knows)
   * @param ended the calls that succeeded, by label, in order
   * @param endedTexts the exact text of each call that succeeded, in order
   * @param failed the calls the kernel refused, by label
   * @param devid the device number its stat read, if the journal has it
   * @param undone the operator undid it during the run (the UI's {@code u})
   * @param target where the journal says it was mounted, if an intent or a mount's begin names it
   */
  public record MountProgress(
      boolean intended,
      List<String> begun,
      List<String> ended,
      List<String> endedTexts,
      List<String> failed,
      Optional<Long> devid,
      boolean undone,
      Optional<String> target) {
    public MountProgress {
      begun = List.copyOf(begun);
      ended = List.copyOf(ended);
      endedTexts = List.copyOf(endedTexts);
      failed = List.copyOf(failed);
    }

    public boolean endedAny(Step.Call call) {
      return ended.contains(call.label());
    }
  }

  /**
   * Opens the journal as {@link JournalTrust} allows (its owner and mode, its directory's, no
   * symlink, no FIFO) and replays it.
   *
   * @throws IOException when it is refused or unreadable, or a line is bad, with the sentence
   */
  public static JournalReplay read(Path file) throws IOException {
    byte[] bytes;
    try (org.autofsrestore.app.io.UntrustedFile held = JournalTrust.open(file)) {
      bytes = held.readAll(JournalTrust.MAX_BYTES);
    }
    return parse(file, bytes);
  }

  /**
   * Replays a journal's bytes: a pure function, any bytes give a replay or an IOException naming
   * the line and what is wrong with it.
   */
  public static JournalReplay parse(Path file, byte[] bytes) throws IOException {
    List<String> lines = lines(bytes);
    List<String> warnings = new ArrayList<>();
    Optional<Path> root = Optional.empty();
    // Sets in first-seen order: a run of 100,000 mounts names each in its intent and its begin.
    java.util.Set<String> mounts = new java.util.LinkedHashSet<>();
    java.util.Set<String> dirs = new java.util.LinkedHashSet<>();
    java.util.Set<String> kept = new java.util.HashSet<>();
    java.util.Set<String> created = new java.util.HashSet<>();
    List<Long> pgrps = new ArrayList<>();
    Optional<RunRecord> run = Optional.empty();
    Map<String, Builder> progress = new LinkedHashMap<>();
    Map<Long, String> mountOfSeq = new HashMap<>();
    Map<Long, String> textOfSeq = new HashMap<>();
    boolean finished = false;
    long lastSeq = 0;
    int lastLine = lines.size() - 1;
    while (lastLine >= 0 && lines.get(lastLine) != null && lines.get(lastLine).isBlank()) {
      lastLine--;
    }
    for (int i = 0; i <= lastLine; i++) {
      String line = lines.get(i);
      if (line != null && line.isBlank()) {
        continue;
      }
      Map<String, Object> event;
      try {
        if (line == null) {
          throw new IllegalArgumentException("not UTF-8 text");
        }
        event = FlatJson.parse(line);
      } catch (IllegalArgumentException e) {
        String next = i < lastLine && lines.get(i + 1) != null ? lines.get(i + 1) : "";
        boolean torn =
            line == null
                ? i == lastLine
                : i == lastLine
                    || line.startsWith("{")
                        && (endsEarly(e) || next.startsWith(line) && next.length() > line.length());
        if (torn) {
          warnings.add(
              file
                  + " line "
                  + (i + 1)
                  + " is torn (a write cut short: a full disk, a crash or power lost): skipped");
          continue;
        }
        throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
      String kind = String.valueOf(event.get("event"));
      long seq = event.get("seq") instanceof Long n ? n : 0;
      lastSeq = Math.max(lastSeq, seq);
      String mountpoint = event.get("mountpoint") instanceof String s ? s : null;
      switch (kind) {
        case "start" -> {
          try {
            run = RunRecord.from(event);
            root = rootOf(event);
          } catch (IllegalArgumentException e) {
            throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
          }
          run.ifPresent(r -> pgrps.add(r.pgrp()));
          if (run.isEmpty() && event.get("pgrp") instanceof Long p) {
            pgrps.add(p); // a sandbox's run: not resumable, its group still tells its mounts
          }
        }
        case "resume" -> {
          if (event.get("pgrp") instanceof Long p) {
            pgrps.add(p);
          }
          finished = false;
        }
        case "finish" -> finished = true;
        case "undone" -> {
          if (mountpoint != null) {
            progress.computeIfAbsent(mountpoint, k -> new Builder()).undone = true;
          }
        }
        case "intent" -> {
          addTarget(mounts, event.get("target"));
          if (event.get("mkdirs") instanceof String planned) {
            for (String d : planned.split(RunRecord.SEPARATOR, -1)) {
              addTarget(dirs, d); // made or not, a crash may have left it: undo checks
            }
          }
          if (mountpoint != null) {
            Builder b = progress.computeIfAbsent(mountpoint, k -> new Builder());
            b.intended = true;
            if (event.get("target") instanceof String t) {
              b.target = Optional.of(t);
            }
          }
        }
        case "begin" -> {
          // From the intent or the begin: a crash before the end line still counts; undo checks
          // each against the kernel's mount table.
          if ("mount".equals(event.get("call"))) {
            addTarget(mounts, event.get("target"));
          }
          if (mountpoint != null) {
            mountOfSeq.put(seq, mountpoint);
            textOfSeq.put(seq, String.valueOf(event.get("text")));
            Builder b = progress.computeIfAbsent(mountpoint, k -> new Builder());
            b.begun.add(String.valueOf(event.get("call")));
            if ("mount".equals(event.get("call")) && event.get("target") instanceof String t) {
              b.target = Optional.of(t);
            }
          }
        }
        case "end", "fail" -> {
          if (kind.equals("end") && event.get("created") != null) {
            addTarget(dirs, event.get("created"));
            created.add(event.get("created").toString());
          }
          if (kind.equals("end") && event.get("kept") != null) {
            // There already: not ours to remove, unless an earlier mount of this run made it.
            kept.add(event.get("kept").toString());
          }
          Builder b = progress.get(mountOfSeq.get(seq));
          if (b != null) {
            String call = String.valueOf(event.get("call"));
            if (kind.equals("end")) {
              b.ended.add(call);
              b.endedTexts.add(textOfSeq.get(seq));
            } else {
              b.failed.add(call);
            }
            if (event.get("devid") instanceof Long dev) {
              b.devid = Optional.of(dev);
            }
          }
        }
        default -> {
          // undo's lines and events of later versions: nothing a replay needs
        }
      }
    }
    Map<String, MountProgress> built = new LinkedHashMap<>();
    progress.forEach((k, b) -> built.put(k, b.build()));
    kept.removeAll(created);
    dirs.removeAll(kept);
    return new JournalReplay(
        file,
        List.copyOf(mounts),
        List.copyOf(dirs),
        finished,
        run,
        pgrps,
        built,
        lastSeq,
        root,
        warnings);
  }

  /** The parser ran out of text inside the object: what a write cut short leaves. */
  private static boolean endsEarly(IllegalArgumentException e) {
    return e.getCause() instanceof com.fasterxml.jackson.core.io.JsonEOFException;
  }

  /** The start line's root: an absolute path, or none recorded. */
  private static Optional<Path> rootOf(Map<String, Object> start) {
    Object value = start.get("root");
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s) || !s.startsWith("/")) {
      throw new IllegalArgumentException("the start line's \"root\" is not an absolute path");
    }
    return Optional.of(Path.of(s).normalize()); // no NUL: Path.of refuses one, caught as bad
  }

  /**
   * The lines of {@code bytes}, each decoded as UTF-8 on its own; null for a line that is not UTF-8
   * (a write cut mid-character, or garbage).
   */
  static List<String> lines(byte[] bytes) {
    java.nio.charset.CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        if (i > start || i < bytes.length) {
          try {
            lines.add(utf8.decode(java.nio.ByteBuffer.wrap(bytes, start, i - start)).toString());
          } catch (java.nio.charset.CharacterCodingException e) {
            lines.add(null);
          }
        }
        start = i + 1;
      }
    }
    return lines;
  }

  /**
   * The device number the run read for each mount, by target, where the journal has it (a {@code
   * kill -9} mid-batch loses it with the batch's events).
   */
  public Map<String, Long> devicesByTarget() {
    Map<String, Long> devices = new HashMap<>();
    for (MountProgress p : progress.values()) {
      if (p.target().isPresent() && p.devid().isPresent()) {
        devices.put(p.target().get(), p.devid().get());
      }
    }
    return devices;
  }

  private static void addTarget(java.util.Set<String> paths, Object path) {
    if (path != null) {
      paths.add(path.toString());
    }
  }

  private static final class Builder {
    boolean intended;
    final List<String> begun = new ArrayList<>();
    final List<String> ended = new ArrayList<>();
    final List<String> endedTexts = new ArrayList<>();
    final List<String> failed = new ArrayList<>();
    Optional<Long> devid = Optional.empty();
    boolean undone;
    Optional<String> target = Optional.empty();

    MountProgress build() {
      return new MountProgress(intended, begun, ended, endedTexts, failed, devid, undone, target);
    }
  }
}
