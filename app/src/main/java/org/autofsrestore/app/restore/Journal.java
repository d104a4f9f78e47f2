package org.autofsrestore.app.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.autofsrestore.app.json.JsonWriter;

/**
 * The restore's record: one JSON line per event, written and forced to disk before a call runs and
 * again after it returns, so that a crash or a dropped SSH session leaves an exact account of what
 * the kernel was asked and what it did. {@code undo} replays it backwards.
 *
 * <p>Events: {@code intent} (a mount is about to be restored), {@code begin} (a call is about to
 * run), {@code end} (it succeeded, with what it produced), {@code fail} (the kernel refused it),
 * {@code finish} (the run ended cleanly).
 *
 * <p>Group commit: a run of many mounts writes the {@code intent} of a whole batch and forces it to
 * disk once ({@link #intend}), then runs the batch with its events written but not forced ({@link
 * #deferSync}), and forces them at the batch's end ({@link #sync}). A crash so never loses a mount
 * from the record: every mount a call could have made is named by a forced intent, which undo
 * checks against the kernel's mount table.
 */
public final class Journal implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final boolean sync;
  private boolean deferred;
  private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
  private long seq;

  private Journal(Path file, FileChannel channel, boolean sync) {
    this.file = file;
    this.channel = channel;
    this.sync = sync;
  }

  /**
   * Where this tool keeps its state (journals, the log): $XDG_STATE_HOME/autofs-restore, by default
   * ~/.local/state/autofs-restore.
   */
  public static Path stateDirectory() {
    String state = System.getenv("XDG_STATE_HOME");
    Path base =
        state != null && !state.isEmpty()
            ? Path.of(state)
            : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("autofs-restore");
  }

  /** A new journal's place: the state directory's journal-TIME.jsonl. */
  public static Path defaultPath() {
    String stamp =
        java.time.LocalDateTime.now()
            .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
    return stateDirectory().resolve("journal-" + stamp + ".jsonl");
  }

  /** Starts a new journal (the file must not exist: an unfinished one is never overwritten). */
  public static Journal create(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new Journal(file, channel, true);
  }

  /** Reopens a journal to append to it (undo records there that it ran). */
  public static Journal append(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.APPEND);
    return new Journal(file, channel, true);
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
   * target): the durable half of a group commit.
   */
  public void intend(java.util.Map<String, String> targets) {
    for (Map.Entry<String, String> t : targets.entrySet()) {
      Map<String, Object> e = event("intent", ++seq, t.getKey());
      e.put("target", t.getValue());
      write(e);
    }
    force();
  }

  /** Until {@link #sync}, events are written but not forced (the batch's intents were). */
  public void deferSync() {
    deferred = true;
  }

  /** Writes the batch's events, forces everything to disk, and ends deferral. */
  public void sync() {
    deferred = false;
    if (pending.size() > 0) {
      writeBytes(ByteBuffer.wrap(pending.toByteArray()));
      pending.reset();
    }
    force();
  }

  /** A call is about to run on the mount at {@code target}. */
  public long begin(String mountpoint, String target, StageName stage, Step step, String text) {
    long n = ++seq;
    Map<String, Object> e = event("begin", n, mountpoint);
    e.put("target", target);
    e.put("stage", stage.label());
    e.put("call", step.call().label());
    e.put("text", text);
    append(e);
    return n;
  }

  public void end(long n, String mountpoint, Step step, Map<String, Object> details) {
    Map<String, Object> e = event("end", n, mountpoint);
    e.put("call", step.call().label());
    e.putAll(details);
    append(e);
  }

  public void fail(long n, String mountpoint, Step step, String errno, String recovery) {
    Map<String, Object> e = event("fail", n, mountpoint);
    e.put("call", step.call().label());
    e.put("errno", errno);
    e.put("recovery", recovery);
    append(e);
  }

  /** A clean end: nothing of this run is left to undo or resume by accident. */
  public void finish(String how) {
    Map<String, Object> e = event("finish", ++seq, null);
    e.put("how", how);
    append(e);
  }

  private static Map<String, Object> event(String kind, long n, String mountpoint) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event", kind);
    e.put("seq", n);
    e.put("time", Instant.now().toString());
    if (mountpoint != null) {
      e.put("mountpoint", mountpoint);
    }
    return e;
  }

  private void append(Map<String, Object> event) {
    write(event);
    if (!deferred) {
      force();
    }
  }

  private void write(Map<String, Object> event) {
    if (channel == null) {
      return;
    }
    StringBuilder line = new StringBuilder();
    JsonLine.write(event, line);
    byte[] encoded = line.toString().getBytes(StandardCharsets.UTF_8);
    if (deferred) {
      pending.write(encoded, 0, encoded.length);
      return;
    }
    writeBytes(ByteBuffer.wrap(encoded));
  }

  private void writeBytes(ByteBuffer bytes) {
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the journal " + file, e);
    }
  }

  private void force() {
    if (channel == null || !sync) {
      return;
    }
    try {
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot force the journal " + file + " to disk", e);
    }
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }

  /** One flat JSON object on one line. */
  static final class JsonLine {
    private JsonLine() {}

    static void write(Map<String, Object> event, StringBuilder out) {
      JsonWriter json = JsonWriter.compact(out);
      json.beginObject();
      for (Map.Entry<String, Object> e : event.entrySet()) {
        json.name(e.getKey());
        Object v = e.getValue();
        if (v == null) {
          json.nullValue();
        } else if (v instanceof Number n) {
          json.value(n);
        } else if (v instanceof Boolean b) {
          json.value(b);
        } else {
          json.value(v.toString());
        }
      }
      json.endObject();
      out.append('\n');
    }
  }
}
