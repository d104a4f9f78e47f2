package org.autofsrestore.app.restore;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.autofsrestore.app.json.JsonWriter;

/**
 * The restore's record: one JSON line per event, written and forced to disk before a call runs and
 * again after it returns, so that a crash or a dropped SSH session leaves an exact account of what
 * the kernel was asked and what it did. {@code undo} replays it backwards.
 *
 * <p>Events: {@code start} (the journal was created, with its wall-clock time), {@code intent} (a
 * mount is about to be restored), {@code begin} (a call is about to run, with its exact text),
 * {@code end} (it succeeded, with what it produced), {@code fail} (the kernel refused it), {@code
 * finish} (the run ended). A begin and its end or fail share a {@code seq}; an end or a fail names
 * only what the begin does not already say. Events of calls carry {@code ms}, the milliseconds
 * since {@code start}, instead of a formatted time: the record stays small (about 2 KB for a
 * mount's eleven calls) and cheap to write at thousands of mounts a second.
 *
 * <p>Thread-safe: the exit path of a signal finishes the journal from its own thread.
 *
 * <p>Group commit: a run of many mounts writes the {@code intent} of a whole batch and forces it to
 * disk once ({@link #intend}), then runs the batch with its events kept in memory ({@link
 * #deferSync}), and writes them at the batch's end ({@link #release}), to be forced with the next
 * batch's intents, or by {@link #sync} after the last batch: one fdatasync per batch instead of two
 * per call. A crash so never loses a mount from the record: every mount a call could have made is
 * named by a forced intent, which undo checks against the kernel's mount table.
 */
public final class Journal implements AutoCloseable {
  private final Path file;

  /**
   * A stream, not a FileChannel: a channel is closed for good when the thread writing to it is
   * interrupted (the UI's action runner, a request server stopped by interrupt), and the journal
   * must still get its finish line then.
   */
  private final FileOutputStream stream;

  private final boolean sync;
  private final long openedNanos = System.nanoTime();
  private boolean deferred;

  /** The last write failed, maybe after part of it reached the file. */
  private boolean torn;

  /** Lines written but not yet handed to the file: a batch's events, or the line being built. */
  private final StringBuilder pending = new StringBuilder(1 << 16);

  private long seq;

  private Journal(Path file, FileOutputStream stream, boolean sync) {
    this.file = file;
    this.stream = stream;
    this.sync = sync;
  }

  /**
   * Where this tool keeps its state (journals, the log): $XDG_STATE_HOME/autofs-restore, by default
   * ~/.local/state/autofs-restore. An XDG_STATE_HOME (or its autofs-restore) that belongs to
   * another user, as {@code sudo -E} passes it on, is ignored, and that is said once on stderr:
   * root would otherwise read journals that user wrote and write where that user can swap files.
   */
  public static Path stateDirectory() {
    StateDirectory state = StateDirectoryHolder.STATE;
    state.warning().ifPresent(StateDirectoryHolder::warnOnce);
    return state.directory();
  }

  /**
   * The state directory and, when XDG_STATE_HOME was ignored, why.
   *
   * @param xdgStateHome the variable's value, null when unset
   * @param home this user's home directory (Java's user.home: from the password database, not
   *     $HOME)
   */
  public record StateDirectory(Path directory, java.util.Optional<String> warning) {
    public static StateDirectory resolve(String xdgStateHome, String home) {
      Path fallback = Path.of(home, ".local", "state").resolve("autofs-restore");
      if (xdgStateHome == null || xdgStateHome.isEmpty()) {
        return new StateDirectory(fallback, java.util.Optional.empty());
      }
      Path base = Path.of(xdgStateHome);
      for (Path p : List.of(base, base.resolve("autofs-restore"))) {
        if (JournalTrust.ownedBySomeoneElse(p)) {
          return new StateDirectory(
              fallback,
              java.util.Optional.of(
                  "XDG_STATE_HOME="
                      + xdgStateHome
                      + " is ignored: "
                      + p
                      + " belongs to another user (sudo -E passes a user's environment on);"
                      + " journals and the log go to "
                      + fallback
                      + " (unset XDG_STATE_HOME, or use sudo without -E)"));
        }
      }
      return new StateDirectory(base.resolve("autofs-restore"), java.util.Optional.empty());
    }
  }

  /** Resolved once per process: every journal and the log agree on it, and it is said once. */
  private static final class StateDirectoryHolder {
    static final StateDirectory STATE =
        StateDirectory.resolve(System.getenv("XDG_STATE_HOME"), System.getProperty("user.home"));
    private static final java.util.concurrent.atomic.AtomicBoolean SAID =
        new java.util.concurrent.atomic.AtomicBoolean();

    static void warnOnce(String warning) {
      if (SAID.compareAndSet(false, true)) {
        System.err.println("autofs-restore: " + warning);
        System.err.flush();
      }
    }
  }

  /** A new journal's place: the state directory's journal-TIME.jsonl. */
  public static Path defaultPath() {
    String stamp =
        java.time.LocalDateTime.now()
            .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
    return stateDirectory().resolve("journal-" + stamp + ".jsonl");
  }

  /**
   * Starts a new journal (the file must not exist: an unfinished one is never overwritten). Its
   * {@code start} line reaches the disk with the first forced event.
   */
  public static Journal create(Path file) throws IOException {
    return create(file, Map.of());
  }

  /**
   * Starts a new journal whose {@code start} line also holds {@code run}: what a resume needs to
   * rebuild the plan ({@link RunRecord#fields}).
   */
  public static Journal create(Path file, Map<String, Object> run) throws IOException {
    Path parent = JournalTrust.directoryOf(file);
    Files.createDirectories(
        parent,
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
    JournalTrust.checkDirectory(file, parent);
    // O_CREAT|O_EXCL: fails if anything is there, a symlink included; an unfinished journal is
    // never overwritten. Mode 0600: nobody else reads or writes the record.
    Files.createFile(
        file,
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    Journal journal = new Journal(file, openForAppend(file).stream(), true);
    Line start = journal.open("start", ++journal.seq, null).time();
    run.forEach(start::field);
    start.close();
    journal.flush();
    return journal;
  }

  /**
   * Reopens an unfinished journal to go on with its run ({@code restore --resume}): events number
   * on from {@code lastSeq}, after a {@code resume} line, forced at once, that names the process
   * group the mounts this process takes will carry.
   */
  public static Journal resume(Path file, long lastSeq, long pgrp) throws IOException {
    Journal journal = append(file);
    journal.seq = lastSeq;
    journal.open("resume", ++journal.seq, null).time().field("pgrp", pgrp).close();
    journal.flush();
    journal.force();
    return journal;
  }

  /**
   * Reopens a journal to append to it (undo records there that it ran), after the checks of {@link
   * JournalTrust}. If its last line was torn (a full disk, power lost mid-write), a newline ends it
   * first, so the torn bytes stay a line of their own that a replay skips.
   */
  public static Journal append(Path file) throws IOException {
    Opened opened = openForAppend(file);
    Journal journal = new Journal(file, opened.stream(), true);
    if (!opened.endsWithNewline()) {
      journal.pending.append('\n');
    }
    return journal;
  }

  /** The append stream, and whether the file's last byte ends a line (or it is empty). */
  private record Opened(FileOutputStream stream, boolean endsWithNewline) {}

  /**
   * The journal opened once, without following a symlink and without blocking, checked, and
   * appended to through that open file: no second lookup by name.
   */
  private static Opened openForAppend(Path file) throws IOException {
    try (org.autofsrestore.app.io.UntrustedFile held = JournalTrust.open(file)) {
      long size = held.attributes().size();
      boolean newline = true;
      if (size > 0) {
        try (java.io.RandomAccessFile last =
            new java.io.RandomAccessFile(held.byFd().toFile(), "r")) {
          last.seek(size - 1);
          newline = last.read() == '\n';
        }
      }
      return new Opened(held.append(), newline);
    }
  }

  /** A journal that keeps nothing: for dry runs, which change nothing to record. */
  public static Journal none() {
    return new Journal(null, null, false);
  }

  public Path file() {
    return file;
  }

  /**
   * Records, and forces to disk, that these mounts are about to be restored (mount point ->
   * target): the durable half of a group commit. Events kept back by {@link #deferSync} go first.
   */
  public synchronized void intend(Map<String, String> targets) {
    intend(targets, Map.of());
  }

  /**
   * As {@link #intend(Map)}, each intent also naming the directories the mount's plan creates
   * ({@code mkdirs}, by mount point): a {@code kill -9} mid-batch loses the batch's events, and
   * with them which of those directories were made, so undo removes the ones still there and empty.
   */
  public synchronized void intend(Map<String, String> targets, Map<String, List<String>> mkdirs) {
    String now = Instant.now().toString(); // one time for the batch: its intents are one write
    for (Map.Entry<String, String> t : targets.entrySet()) {
      Line line =
          open("intent", ++seq, t.getKey()).field("time", now).field("target", t.getValue());
      List<String> dirs = mkdirs.getOrDefault(t.getKey(), List.of());
      if (!dirs.isEmpty()) {
        line.field("mkdirs", String.join(RunRecord.SEPARATOR, dirs));
      }
      line.close();
    }
    flush();
    force();
  }

  /** Until {@link #sync}, events are kept in memory, not written (the batch's intents were). */
  public synchronized void deferSync() {
    deferred = true;
  }

  /** Writes the batch's events, forces everything to disk, and ends deferral. */
  public synchronized void sync() {
    deferred = false;
    flush();
    force();
  }

  /**
   * Writes the batch's events without forcing them, and ends deferral: for a batch that another
   * follows, whose intents force these events too (one fdatasync per batch, not two). A crash
   * before then loses at most these events, never a mount: the batch's intents were forced.
   */
  public synchronized void release() {
    deferred = false;
    flush();
  }

  /** A call is about to run on the mount at {@code target}. */
  public synchronized long begin(String mountpoint, String target, Step step, String text) {
    long n = ++seq;
    Line line = open("begin", n, mountpoint).elapsed().field("call", step.call().label());
    if (step.call() == Step.Call.MOUNT) {
      // A mount's begin names its target itself: a run without intents (step by step) is undone
      // from it.
      line.field("target", target);
    }
    line.field("text", text).close();
    commit();
    return n;
  }

  public synchronized void end(long n, Step step, Map<String, Object> details) {
    Line line = open("end", n, null).elapsed().field("call", step.call().label());
    for (Map.Entry<String, Object> d : details.entrySet()) {
      line.field(d.getKey(), d.getValue());
    }
    line.close();
    commit();
  }

  public synchronized void fail(long n, Step step, String errno, String recovery) {
    open("fail", n, null)
        .elapsed()
        .field("call", step.call().label())
        .field("errno", errno)
        .field("recovery", recovery)
        .close();
    commit();
  }

  /**
   * The operator undid one mount of the run (the UI's {@code u}): a resume leaves it undone, as the
   * run would have. Forced at once, like a call's end.
   */
  public synchronized void undone(String mountpoint, List<String> done) {
    open("undone", ++seq, mountpoint).time().field("done", String.join("; ", done)).close();
    commit();
  }

  /**
   * The run's end: nothing of it is left to undo or resume by accident. Written and forced at once,
   * with any events a batch kept back (the exit path of a signal ends a run mid-batch).
   */
  public synchronized void finish(String how) {
    open("finish", ++seq, null).time().field("how", how).close();
    sync();
  }

  /** Starts an event's line in {@link #pending}. */
  private Line open(String kind, long n, String mountpoint) {
    Line line = new Line().field("event", kind).field("seq", n);
    if (mountpoint != null) {
      line.field("mountpoint", mountpoint);
    }
    return line;
  }

  /** One event's line being appended to {@link #pending}, as one compact JSON object. */
  private final class Line {
    private final JsonWriter json = JsonWriter.compact(pending).beginObject();

    Line field(String name, long value) {
      json.name(name).value(value);
      return this;
    }

    /** Null, a number or a boolean as JSON spells it; anything else as its string. */
    Line field(String name, Object value) {
      json.name(name).value(value);
      return this;
    }

    Line time() {
      return field("time", Instant.now().toString());
    }

    Line elapsed() {
      return field("ms", (System.nanoTime() - openedNanos) / 1_000_000);
    }

    void close() {
      json.endObject().finish();
    }
  }

  /** Writes the event now and forces it, unless a batch defers both to its {@link #sync}. */
  private void commit() {
    if (!deferred) {
      flush();
      force();
    }
  }

  /** Hands {@link #pending} to the file (or drops it, for {@link #none}). */
  private void flush() {
    if (pending.length() == 0) {
      return;
    }
    if (stream == null) {
      pending.setLength(0);
      return;
    }
    if (torn) {
      pending.insert(0, '\n');
      torn = false;
    }
    byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
    try {
      stream.write(bytes);
    } catch (IOException e) {
      // The lines stay pending: part of them may be on disk (a full disk), so the next write
      // first ends that torn line with a newline and then writes them all again, whole. A
      // replay skips the torn copy (a prefix of the next line).
      torn = true;
      throw new UncheckedIOException("cannot write the journal " + file, e);
    }
    pending.setLength(0);
  }

  private void force() {
    if (stream == null || !sync) {
      return;
    }
    try {
      // fsync(2): a FileDescriptor has no fdatasync, and an append changes the file's size,
      // which fdatasync writes out too.
      stream.getFD().sync();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot force the journal " + file + " to disk", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (stream != null) {
      stream.close();
    }
  }
}
