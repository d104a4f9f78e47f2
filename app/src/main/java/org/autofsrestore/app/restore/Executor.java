package org.autofsrestore.app.restore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.KernelCall;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.KernelOps;
import org.autofsrestore.kernel.PathCall;
import org.autofsrestore.kernel.PosixCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Plan} through a {@link Kernel}: a step at a time, a stage, or all. A dry run is
 * this same executor over a kernel that records instead of calling ({@link RecordingKernel}), so
 * the preview and the real run cannot drift apart.
 *
 * <p>Parking is the invariant it keeps: a mount it mounted and has not handed over never points at
 * a pipe nobody serves. A failed step stops that mount's plan and leaves the mount parked
 * (catatonic) or unmounted; {@link #parkAll()} parks every such mount on every exit path.
 */
public final class Executor {
  private static final Logger LOG = LoggerFactory.getLogger(Executor.class);

  private final Kernel kernel;
  private final Journal journal;
  private final boolean preview;
  private final LiveProbe probe;
  private final Map<String, MountRun> runs = new LinkedHashMap<>();
  private final java.nio.file.Path root;
  private final Parking parking;

  /** Set by the exit path before it waits for the lock: a waiting step gives up at once. */
  private volatile boolean stopping;

  /**
   * @param preview whether {@code kernel} only records (a dry run): its answers are not real
   *     values, so what steps produce stays a placeholder
   * @param ownPgrp the process group of the process that runs the calls, or null when a dry run
   *     does not know it
   */
  public Executor(
      Plan plan,
      Kernel kernel,
      Journal journal,
      boolean preview,
      LiveProbe probe,
      Integer ownPgrp) {
    this.kernel = kernel;
    this.journal = journal;
    this.preview = preview;
    this.probe = probe;
    this.root = plan.root();
    this.parking = new Parking(kernel, preview, plan.root());
    for (MountPlan m : plan.mounts()) {
      runs.put(m.mountpoint(), new MountRun(m, ownPgrp));
    }
  }

  /**
   * What the executor knows of one mount's restore, for screens and reports: {@code results} holds
   * every step run, but none of a mount run by a {@link Report#STREAMED} run.
   */
  public record Progress(
      MountPlan plan,
      int stageIndex,
      int stepIndex,
      List<StepResult> results,
      RunValues values,
      State state) {}

  /** Where one mount's restore stands. */
  public enum State {
    NOT_STARTED,
    IN_PROGRESS,
    /** Mounted and catatonic: safe to leave. */
    PARKED,
    /** This program owns it and serves its requests. */
    HELD,
    /** A new owner (automount) took it over. */
    HANDED_OVER,
    /** Every step ran. */
    DONE,
    /** A step failed; the mount was parked or unmounted. */
    FAILED,
    UNDONE
  }

  public Progress progress(String mountpoint) {
    MountRun r = run(mountpoint);
    return new Progress(
        r.plan, r.stageIndex, r.stepIndex, List.copyOf(r.results), r.values, r.state);
  }

  /** What the request server needs to serve a mount this program holds; empty for any other. */
  public synchronized Optional<RequestServer.Served> served(String mountpoint) {
    MountRun r = run(mountpoint);
    if (r.state != State.HELD || r.values.devid() == null || r.values.pipeRead() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new RequestServer.Served(mountpoint, r.target(), r.values.devid(), r.values.pipeRead()));
  }

  /** The plan of one mount. */
  public MountPlan plan(String mountpoint) {
    return run(mountpoint).plan;
  }

  public List<String> mountpoints() {
    return List.copyOf(runs.keySet());
  }

  /** Whether the mount has a step left to run. */
  public boolean hasNext(String mountpoint) {
    return run(mountpoint).current().isPresent();
  }

  /** Runs the next step of one mount; empty when nothing is left or it cannot run. */
  public synchronized Optional<StepResult> next(String mountpoint) {
    MountRun r = run(mountpoint);
    Optional<Step> step = r.current();
    if (step.isEmpty() || !r.runnable || r.outcomeUnknown) {
      return Optional.empty();
    }
    StepResult result = execute(r, r.currentStage(), step.get());
    if (!r.streamed) {
      r.results.add(result);
    }
    if (result instanceof StepResult.Failed) {
      r.state = State.FAILED;
    } else {
      r.advance();
    }
    return Optional.of(result);
  }

  /** Runs the rest of the current stage. */
  public List<StepResult> runStage(String mountpoint) {
    MountRun r = run(mountpoint);
    int stage = r.stageIndex;
    List<StepResult> out = new ArrayList<>();
    while (r.stageIndex == stage && r.current().isPresent()) {
      Optional<StepResult> result = next(mountpoint);
      if (result.isEmpty()) {
        break;
      }
      out.add(result.get());
      if (result.get() instanceof StepResult.Failed) {
        break;
      }
    }
    return out;
  }

  /** Runs every step left. */
  public List<StepResult> runAll(String mountpoint) {
    List<StepResult> out = new ArrayList<>();
    while (hasNext(mountpoint)) {
      List<StepResult> stage = runStage(mountpoint);
      out.addAll(stage);
      if (stage.isEmpty() || stage.get(stage.size() - 1) instanceof StepResult.Failed) {
        break;
      }
    }
    return out;
  }

  /** What a run of many mounts reports of each step. */
  public enum Report {
    /**
     * Every result is kept ({@link Progress#results()}) and carries the mount's mountinfo line,
     * read again after every call that changes the mount (mount, the timeout, parking, a new
     * owner): a report of each step's effect (--json, screens).
     */
    EVERY_STEP,
    /**
     * Results go to the caller as they come and are not kept; the mountinfo line is read once per
     * mount, after its last step or its failure: what the run left the mount as, for one read of
     * the kernel's mount state per mount instead of four or five, and no memory held per step.
     */
    STREAMED
  }

  /**
   * Runs many mounts up to and including stage {@code last}, in batches of {@code batchSize} with
   * one group commit each: the batch's intents are forced to the journal before any of its calls
   * runs, its events with the next batch's intents (the last batch's at its end). {@code each} sees
   * every result as it comes, reported as {@code report} says. Mounts that are not runnable are
   * skipped.
   */
  public void runMounts(
      List<String> mountpoints,
      StageName last,
      int batchSize,
      Report report,
      java.util.function.Consumer<StepResult> each) {
    for (int from = 0; from < mountpoints.size(); from += batchSize) {
      List<String> batch =
          mountpoints.subList(from, Math.min(mountpoints.size(), from + batchSize));
      Map<String, String> intents = new LinkedHashMap<>();
      Map<String, List<String>> mkdirs = new LinkedHashMap<>();
      for (String mountpoint : batch) {
        MountRun r = run(mountpoint);
        if (r.runnable) {
          intents.put(mountpoint, r.target());
          List<String> dirs = r.plannedDirectories();
          if (!dirs.isEmpty()) {
            mkdirs.put(mountpoint, dirs);
          }
        }
      }
      journal.intend(intents, mkdirs);
      journal.deferSync();
      boolean another = false;
      try {
        for (String mountpoint : intents.keySet()) {
          runUpTo(mountpoint, last, report, each);
        }
        another = from + batchSize < mountpoints.size();
      } finally {
        if (another) {
          journal.release(); // forced with the next batch's intents
        } else {
          journal.sync();
        }
      }
    }
  }

  private void runUpTo(
      String mountpoint,
      StageName last,
      Report report,
      java.util.function.Consumer<StepResult> each) {
    MountRun r = run(mountpoint);
    r.streamed = report == Report.STREAMED;
    while (r.current().isPresent() && r.currentStage().ordinal() <= last.ordinal()) {
      Optional<StepResult> result;
      r.probeSkipped = r.streamed && !r.lastStepUpTo(last);
      try {
        result = next(mountpoint);
      } finally {
        r.probeSkipped = false;
      }
      if (result.isEmpty()) {
        return;
      }
      each.accept(result.get());
      if (result.get() instanceof StepResult.Failed) {
        return;
      }
    }
  }

  /**
   * Undoes this run's work on one mount, newest first: parks and unmounts it if it is mounted,
   * closes what the run holds, and removes the directories it created (when empty). Returns one
   * line per action; afterwards the mount's plan does not run again.
   */
  public synchronized List<String> undo(String mountpoint) {
    MountRun r = run(mountpoint);
    List<String> done = parking.undo(r);
    r.state = State.UNDONE;
    if (!preview) {
      journal.undone(mountpoint, done);
      LOG.info("undo {}: {}", mountpoint, done);
    }
    return done;
  }

  /**
   * Parks every mount this program mounted and has not handed over: the exit path of every run
   * (normal end, error, SIGINT, SIGTERM, SIGHUP). Returns what it did, one line per mount.
   */
  public List<String> parkAll() {
    stopping = true;
    synchronized (this) {
      return parkAllLocked();
    }
  }

  private List<String> parkAllLocked() {
    List<String> done = new ArrayList<>();
    for (MountRun r : runs.values()) {
      if (r.needsParking()) {
        done.add(r.plan.mountpoint() + ": " + parking.park(r));
      }
      parking.closeFds(r);
    }
    return done;
  }

  private StepResult execute(MountRun r, StageName stage, Step step) {
    StepArgs args = new StepArgs(step, r.values);
    if (step.call().action instanceof StepAction.KernelStep<?> kernelStep) {
      return execute(r, stage, step, args, kernelStep);
    }
    if (step.call() == Step.Call.WAIT_OWNER) {
      return waitOwner(r, stage, step, args);
    }
    String mountpoint = r.plan.mountpoint();
    String text = step.text(r.values);
    if (preview) {
      return new StepResult.Previewed(mountpoint, stage, step, text);
    }
    r.state = State.HELD;
    return new StepResult.Done(
        mountpoint,
        stage,
        step,
        text,
        "this program owns the mount and answers its requests (FAIL ENOENT unless told)",
        mountinfo(r));
  }

  private <R> StepResult execute(
      MountRun r, StageName stage, Step step, StepArgs args, StepAction.KernelStep<R> action) {
    String mountpoint = r.plan.mountpoint();
    if (!preview && !args.complete()) {
      throw new IllegalStateException(step.call().label() + ": a value it needs is not known yet");
    }
    KernelCall<R> call = action.call(args);
    // Live, every value the step needs is known, and the call's own text is the step's text
    // (PlannerTest pins that they are equal); a dry run prints placeholders instead.
    String text = preview ? action.text(args) : call.text();
    long seq = journal.begin(mountpoint, r.target(), step, text);
    R answer;
    try {
      answer = kernel.run(call);
    } catch (KernelException e) {
      if (call instanceof PathCall.MkdirAt mkdir
          && e.errno() == Errno.EEXIST
          && isDirectory(mkdir.dirFd(), mkdir.path())) {
        String kept = args.shown(3).isEmpty() ? mkdir.path() : args.shown(3);
        journal.end(seq, step, Map.of("answer", "exists", "kept", kept));
        return new StepResult.Done(
            mountpoint, stage, step, text, "EEXIST: already a directory; kept", Optional.empty());
      }
      String recovery = parking.recover(r);
      journal.fail(seq, step, e.errnoName(), recovery);
      LOG.warn("{} failed: {}; {}", text, e.getMessage(), recovery);
      return new StepResult.Failed(
          mountpoint,
          stage,
          step,
          text,
          e.errnoName(),
          meaning(call, e, r),
          recovery,
          mountinfo(r));
    }
    if (preview) {
      journal.end(seq, step, Map.of("answer", "previewed"));
      return new StepResult.Previewed(mountpoint, stage, step, text);
    }
    String refused = action.refusal(answer, args, r);
    if (refused != null) {
      if (answer instanceof Integer fd && !step.produces().isEmpty()) {
        KernelOps.attempt(kernel, new PosixCall.Close(fd));
      }
      String recovery = parking.recover(r);
      journal.fail(seq, step, "REFUSED", recovery);
      LOG.warn("{} refused: {}; {}", text, refused, recovery);
      return new StepResult.Failed(
          mountpoint, stage, step, text, "REFUSED", refused, recovery, mountinfo(r));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    action.record(answer, args, r, details);
    for (int replaced : r.replacedFds) {
      KernelOps.attempt(kernel, new PosixCall.Close(replaced));
    }
    r.replacedFds.clear();
    if (r.parked && r.state == State.IN_PROGRESS) {
      r.state = State.PARKED;
    }
    try {
      journal.end(seq, step, details);
    } catch (java.io.UncheckedIOException e) {
      // The kernel did it; only the record failed. Never repeated blindly (a second mount(2)
      // would stack two autofs mounts): the mount stops here, for a resume or an undo to check
      // against the kernel's mount table.
      r.outcomeUnknown = true;
      LOG.warn("{} = {}, but the journal could not record it", text, action.describe(answer), e);
      return new StepResult.Failed(
          mountpoint,
          stage,
          step,
          text,
          "UNRECORDED",
          "the call succeeded ("
              + action.describe(answer)
              + ") but the journal could not record it ("
              + e.getMessage()
              + ")",
          "not run again: its outcome is the kernel's to say; resume or undo the run to check it",
          mountinfo(r, action));
    }
    return new StepResult.Done(
        mountpoint, stage, step, text, action.describe(answer), mountinfo(r, action));
  }

  /**
   * The mount's live mountinfo line: read again after the calls that change it (mount, the ioctls
   * that set the timeout, park or take it over, waiting for an owner, a failure and its recovery);
   * after the others (stat, OPENMOUNT, CLOSEMOUNT, close) the line read last is still the mount's
   * line. None before this run mounted it.
   */
  private Optional<String> mountinfo(MountRun r) {
    return mountinfo(r, null);
  }

  private Optional<String> mountinfo(MountRun r, StepAction.KernelStep<?> after) {
    if (!r.mounted) {
      return Optional.empty();
    }
    if (r.probeSkipped && after != null) {
      r.lastMountinfo = null; // not read: the mount may have changed since the line read last
      return Optional.empty();
    }
    boolean unchanged = after != null && r.lastMountinfo != null && !after.changesMount();
    if (!unchanged) {
      r.lastMountinfo = probe.mountinfoLine(r.plan.target());
    }
    return r.lastMountinfo;
  }

  private StepResult waitOwner(MountRun r, StageName stage, Step step, StepArgs args) {
    String mountpoint = r.plan.mountpoint();
    String text = step.text(r.values);
    if (preview) {
      return new StepResult.Previewed(mountpoint, stage, step, text);
    }
    long seconds = args.number(1);
    long seq = journal.begin(mountpoint, r.target(), step, text);
    LiveProbe.Waited waited = probe.waitForOwnerAndRead(r.plan.target(), seconds, () -> stopping);
    r.lastMountinfo = waited.mountinfo();
    Optional<String> line = r.mounted ? waited.mountinfo() : Optional.empty();
    Optional<String> owner = waited.owner();
    if (owner.isPresent()) {
      r.state = State.HANDED_OVER;
      r.parked = false;
      journal.end(seq, step, Map.of("owner", owner.get()));
      return new StepResult.Done(mountpoint, stage, step, text, owner.get(), line);
    }
    String answer =
        seconds == 0
            ? "not waited for (--no-wait): the mount stays parked until automount reconnects"
            : "no new owner within " + seconds + " s: the mount stays parked";
    journal.end(seq, step, Map.of("owner", "none"));
    r.state = State.PARKED;
    return new StepResult.Done(mountpoint, stage, step, text, answer, line);
  }

  /** Whether {@code name} below the held {@code dirFd} is a directory (not a symlink to one). */
  private boolean isDirectory(int dirFd, String name) {
    try {
      int fd = kernel.run(new PathCall.OpenAt(dirFd, name, HeldMountSteps.DIR_FLAGS));
      KernelOps.attempt(kernel, new PosixCall.Close(fd));
      return true;
    } catch (KernelException e) {
      return false;
    }
  }

  /**
   * What a failed call means; for a walk under the root refused by the kernel (a symlink, a file,
   * '..' in the way), which component it was and what it is now, with what to do.
   */
  private String meaning(KernelCall<?> call, KernelException e, MountRun r) {
    boolean walk =
        call instanceof org.autofsrestore.kernel.PathAtCall.OpenAt2
            || call instanceof PathCall.OpenAt
            || call instanceof PathCall.MkdirAt;
    boolean refusedWalk =
        e.errno() == Errno.ELOOP
            || e.errno() == Errno.ENOTDIR
            || e.errno() == Errno.EXDEV
            || e.errno() == Errno.ENOENT;
    if (walk && refusedWalk && !r.mounted) {
      return PathDiagnosis.refusal(root, r.plan.target());
    }
    return e.meaning().orElse(e.strerror());
  }

  private MountRun run(String mountpoint) {
    MountRun r = runs.get(mountpoint);
    if (r == null) {
      throw new IllegalArgumentException("no mount " + mountpoint + " in this plan");
    }
    return r;
  }
}
