package org.autofsrestore.app.tui;

import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.restore.HostSystem;
import org.autofsrestore.app.restore.Journal;
import org.autofsrestore.app.restore.LiveRestore;
import org.autofsrestore.app.restore.LiveSystem;
import org.autofsrestore.app.restore.Plan;
import org.autofsrestore.app.restore.Planner;
import org.autofsrestore.app.restore.RunRecord;
import org.autofsrestore.app.restore.StageName;
import org.autofsrestore.app.restore.UnfinishedJournals;
import org.autofsrestore.ui.TerminalUi;
import org.autofsrestore.ui.Terminals;
import org.autofsrestore.ui.UiOptions;
import org.autofsrestore.ui.model.LiveAvailability;
import org.autofsrestore.ui.model.OwnerMode;
import org.autofsrestore.ui.model.SessionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the full-screen UI over an inspected dump, and parks on every way out of it. */
public final class TuiLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(TuiLauncher.class);

  /** What the command line asked of the UI. */
  public record Flags(
      boolean live, boolean sandbox, boolean rootGiven, boolean ascii, boolean noColor) {}

  /** The operator asked for a live run from the start, and it could not begin. */
  public static final class CannotGoLive extends Exception {
    private static final long serialVersionUID = 1L;

    CannotGoLive(Exception cause) {
      super(cause.getMessage(), cause);
    }
  }

  private TuiLauncher() {}

  /** The one sentence to print when this terminal cannot host the UI. */
  public static Optional<String> unusableTerminal() {
    return Terminals.unusableReason();
  }

  /** The UI's model and controller over one inspected dump. */
  public record Session(DumpScreenModel model, RestoreSession controller) {}

  /**
   * Builds the model and the (dry-run) controller. {@code snapshots} gives a fresh snapshot of the
   * live system each time: one for the dry run now, another when the operator goes live.
   */
  public static Session session(
      Inspection inspection,
      Planner.Options options,
      Flags flags,
      java.util.function.Supplier<LiveSystem> snapshots,
      Path logFile) {
    return session(inspection, options, flags, snapshots, "", logFile);
  }

  /** As above, with the container the dump was taken of, one line for the header ("": none). */
  public static Session session(
      Inspection inspection,
      Planner.Options options,
      Flags flags,
      java.util.function.Supplier<LiveSystem> snapshots,
      String container,
      Path logFile) {
    return session(inspection, options, flags, snapshots, container, logFile, List.of());
  }

  /**
   * As above, offering the runs {@code unfinished} (their journals never finished) for resume or
   * undo.
   */
  public static Session session(
      Inspection inspection,
      Planner.Options options,
      Flags flags,
      java.util.function.Supplier<LiveSystem> snapshots,
      String container,
      Path logFile,
      List<UnfinishedJournals.Unfinished> unfinished) {
    LiveSystem live = snapshots.get();
    Plan dry = Planner.plan(inspection, live, options);
    Planner.Options forExecution =
        new Planner.Options(
            options.root(),
            options.mountpoints(),
            options.owner(),
            options.mkdir(),
            options.waitOwnerSeconds(),
            true);
    Path dump = inspection.imageDir();
    // A sandbox's root lives in a mount namespace that ends with this process: nothing there can
    // be resumed, so its journal records no run. Digested when the session goes live, not before:
    // a dry run never needs it.
    java.util.function.Supplier<LiveRestore.JournalOpening> opening =
        flags.sandbox()
            ? () -> new LiveRestore.JournalOpening.Create(pgrp -> java.util.Map.of())
            : () -> RunRecord.recording(dump, forExecution, StageName.OWNER);
    RestoreSession controller =
        new RestoreSession(
            dry,
            () -> Planner.plan(inspection, snapshots.get(), forExecution),
            () -> kernelAvailability(live),
            flags.rootGiven(),
            Journal::defaultPath,
            opening,
            new UnfinishedRuns(
                unfinished,
                dump,
                forExecution,
                runOptions -> Planner.plan(inspection, snapshots.get(), runOptions)));
    SessionInfo info =
        new SessionInfo(
            inspection.imageDir().toString(),
            options.root().toString(),
            OwnerMode.valueOf(options.owner().name()),
            flags.sandbox(),
            logFile.toString(),
            container);
    // The live host beside the dump: /proc of this process's mount namespace, read off the UI
    // thread, the dump's mount points looked for under the restore root.
    // Its findings judged by the session's progress on each mount: a mount not restored yet is
    // expected missing; one the session mounted must be there.
    LiveSide host =
        new LiveSide(
            inspection,
            options.root().toString(),
            Path.of("/proc"),
            Clock.systemDefaultZone(),
            mountId -> LiveSide.of(controller.progress(mountId), controller.live()));
    return new Session(
        new DumpScreenModel(inspection, info, logFile, Optional.of(host)), controller);
  }

  /**
   * Runs the UI on the process's terminal; returns the UI's exit status (1 when the terminal
   * failed). A live run parks on every way out: closing the UI, or a signal (SIGHUP from a dropped
   * SSH session, SIGTERM, SIGINT outside the UI), through {@link
   * org.autofsrestore.app.restore.LiveRestore}'s exit path.
   *
   * @throws CannotGoLive when {@code flags} ask for a live run and it cannot begin
   */
  public static int launch(
      Inspection inspection,
      Planner.Options options,
      Flags flags,
      String container,
      Path logFile,
      List<UnfinishedJournals.Unfinished> unfinished)
      throws CannotGoLive {
    Session session =
        session(inspection, options, flags, HostSystem::new, container, logFile, unfinished);
    RestoreSession controller = session.controller();
    if (flags.live()) {
      try {
        controller.goLive();
      } catch (IOException | RuntimeException e) {
        throw new CannotGoLive(e);
      }
    }
    try (Terminal terminal = Terminals.openUnixTerminal(new IoctlTerminalSettings());
        TerminalUi ui =
            new TerminalUi(
                terminal,
                session.model(),
                controller,
                UiOptions.fromFlags(flags.ascii(), flags.noColor()))) {
      ui.start();
      ProcessAge.millis().ifPresent(ms -> LOG.info("first frame after {} ms", ms));
      return ui.runLoop();
    } catch (IOException e) {
      LOG.warn("the terminal failed; parking", e);
      return 1;
    } finally {
      controller.close();
    }
  }

  /** Whether this process can mount at all; a resume needs no --root (its journal has one). */
  private static LiveAvailability kernelAvailability(LiveSystem live) {
    if (!live.hasCapSysAdmin()) {
      return LiveAvailability.no("needs root (CAP_SYS_ADMIN) to mount");
    }
    if (live.devAutofsVersion().isEmpty()) {
      return LiveAvailability.no("/dev/autofs is missing");
    }
    return LiveAvailability.yes();
  }
}
