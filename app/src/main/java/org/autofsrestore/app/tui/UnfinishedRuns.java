package org.autofsrestore.app.tui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.autofsrestore.app.restore.JournalReplay;
import org.autofsrestore.app.restore.Plan;
import org.autofsrestore.app.restore.Planner;
import org.autofsrestore.app.restore.ResumePlanner;
import org.autofsrestore.app.restore.Resumption;
import org.autofsrestore.app.restore.RunRecord;
import org.autofsrestore.app.restore.Undo;
import org.autofsrestore.app.restore.UnfinishedJournals.Unfinished;
import org.autofsrestore.kernel.linux.LinuxKernel;
import org.autofsrestore.ui.model.UnfinishedRun;

/**
 * The unfinished runs a UI session found when it began, and what resuming or undoing one takes. A
 * run is resumed in this session only when it is this session's own: the same dump, root, owner
 * mode and mounts (the header, the list and the stepper show this session's); any other is resumed
 * by {@code tui --resume F}, which opens the session the run had.
 */
final class UnfinishedRuns {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  /** A resume ready to go live: its plan, the journal it appends to, and each mount's decision. */
  record Prepared(Plan plan, JournalReplay replay, List<ResumePlanner.Decision> decisions) {}

  private final List<Unfinished> found;
  private final Path dump;
  private final Planner.Options options;
  private final Function<Planner.Options, Plan> planner;

  /**
   * @param dump this session's dump (directory, or the archive the operator gave)
   * @param options this session's options for a live run
   * @param planner the plan of this session's dump with other options, against the live system now
   */
  UnfinishedRuns(
      List<Unfinished> found,
      Path dump,
      Planner.Options options,
      Function<Planner.Options, Plan> planner) {
    this.found = new CopyOnWriteArrayList<>(found);
    this.dump = dump.toAbsolutePath().normalize();
    this.options = options;
    this.planner = planner;
  }

  List<UnfinishedRun> views() {
    List<UnfinishedRun> views = new ArrayList<>();
    for (Unfinished u : found) {
      List<String> facts = new ArrayList<>();
      facts.add("Last written " + TIME.format(u.modified().toInstant()) + ".");
      u.run()
          .ifPresent(
              r ->
                  facts.add(
                      "The run of "
                          + r.dump()
                          + " under "
                          + r.root()
                          + ", owner "
                          + r.owner().option()
                          + (r.mountpoints().isEmpty()
                              ? ", every autofs mount"
                              : ", mounts " + String.join(" ", r.mountpoints()))
                          + "."));
      facts.addAll(undoPreview(u.journal()));
      views.add(new UnfinishedRun(u.journal().toString(), facts, whyNotHere(u).orElse("")));
    }
    return views;
  }

  /** Why this session cannot resume the run, and what can; empty when it can. */
  private Optional<String> whyNotHere(Unfinished u) {
    if (u.run().isEmpty()) {
      return Optional.of(
          "It records no run (a --sandbox run, or an older version's): it can be undone, not"
              + " resumed.");
    }
    RunRecord run = u.run().get();
    String elsewhere = ": resume it with `autofs-restore tui --resume " + u.journal() + "`.";
    if (!run.dump().equals(dump)) {
      return Optional.of("It is the run of another dump, " + run.dump() + elsewhere);
    }
    if (!run.root().equals(options.root())
        || run.owner() != options.owner()
        || !run.mountpoints().equals(options.mountpoints())) {
      return Optional.of(
          "It ran under root "
              + run.root()
              + ", owner "
              + run.owner().option()
              + "; this session has root "
              + options.root()
              + ", owner "
              + options.owner().option()
              + elsewhere);
    }
    return Optional.empty();
  }

  /**
   * Checks the journal and the dump, rebuilds the plan and decides each mount against the mount
   * table now: {@link Resumption}, as {@code restore --resume} does.
   *
   * @throws IllegalStateException when the run cannot be resumed here, saying why
   */
  Prepared prepare(String journal) {
    Unfinished u = find(journal);
    Optional<String> notHere = whyNotHere(u);
    if (notHere.isPresent()) {
      throw new IllegalStateException(notHere.get());
    }
    Resumption.Outcome checked = Resumption.check(u.journal(), dump);
    Resumption.Outcome prepared =
        checked instanceof Resumption.Checked c ? Resumption.prepare(c, planner) : checked;
    if (prepared instanceof Resumption.Refused refused) {
      throw new IllegalStateException(refused.sentence());
    }
    Resumption.Prepared ready = (Resumption.Prepared) prepared;
    return new Prepared(ready.plan(), ready.checked().replay(), ready.decisions());
  }

  /** Undoes the run as {@code undo --journal} does; one line per action. */
  List<String> undo(String journal) throws IOException {
    Unfinished u = find(journal);
    JournalReplay replay = JournalReplay.read(u.journal());
    List<String> done;
    try (LinuxKernel kernel = new LinuxKernel()) {
      done = Undo.runAndFinish(replay, kernel);
    }
    forget(journal);
    return done;
  }

  /**
   * What undo would touch on this host now, for the dialog to show before it asks: one paragraph
   * (the dialog gives each fact its own, and must keep its choices on an 80x24 screen) naming at
   * most {@link #PREVIEW_ITEMS} actions and counting the rest; why not, when the journal does not
   * read.
   */
  static List<String> undoPreview(Path journal) {
    List<String> lines = new ArrayList<>();
    try {
      JournalReplay replay = JournalReplay.read(journal);
      replay.warnings().forEach(w -> lines.add("Warning: " + w + "."));
      List<String> actions = Undo.preview(replay);
      if (actions.isEmpty()) {
        lines.add("Undo would touch nothing: the journal names no mount or directory.");
        return lines;
      }
      String shown = String.join("; ", actions.subList(0, Math.min(PREVIEW_ITEMS, actions.size())));
      lines.add(
          "Undo would: "
              + shown
              + (actions.size() > PREVIEW_ITEMS
                  ? "; and " + (actions.size() - PREVIEW_ITEMS) + " more."
                  : "."));
    } catch (IOException | RuntimeException e) {
      lines.add("Undo cannot read it: " + e.getMessage());
    }
    return lines;
  }

  /** What fits the dialog beside the run's facts at 80x24; the rest is counted. */
  static final int PREVIEW_ITEMS = 3;

  /** Resumed or undone: no longer offered. */
  void forget(String journal) {
    found.removeIf(u -> u.journal().toString().equals(journal));
  }

  private Unfinished find(String journal) {
    return found.stream()
        .filter(u -> u.journal().toString().equals(journal))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no unfinished run " + journal));
  }
}
