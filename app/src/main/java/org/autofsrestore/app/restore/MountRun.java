package org.autofsrestore.app.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One mount's progress through its plan: where it stands, and what its steps produced. */
final class MountRun {
  final MountPlan plan;

  /** The plan's verdict, asked once: it scans the mount's findings. */
  final boolean runnable;

  /**
   * A call succeeded and its journal line could not be written (a full disk): what the step did is
   * the kernel's to say, so nothing of this mount runs again in this run (resume or undo check it).
   */
  boolean outcomeUnknown;

  /**
   * Set for a step of a run of many mounts that is not the mount's last: its result carries no
   * mountinfo line, so the kernel's mount state is not read for it ({@link
   * Executor.Report#STREAMED}).
   */
  boolean probeSkipped;

  /** Ran by a {@link Executor.Report#STREAMED} run: its results are not kept. */
  boolean streamed;

  RunValues values;
  final List<StepResult> results = new ArrayList<>();
  final List<String> createdDirectories = new ArrayList<>();

  /** Fds a step's new fd replaced under the same name: the executor closes them right after. */
  final List<Integer> replacedFds = new ArrayList<>();

  int stageIndex;
  int stepIndex;
  boolean mounted;
  boolean parked;
  Optional<String> lastMountinfo;
  Executor.State state = Executor.State.NOT_STARTED;

  MountRun(MountPlan plan, Integer ownPgrp) {
    this.plan = plan;
    this.runnable = plan.runnable();
    RunValues start = RunValues.startingWith(ownPgrp);
    if (plan.adoptedDevid() != null) {
      // A resume starts from the mount an interrupted run left: mounted, its device known.
      start = start.withDevid(plan.adoptedDevid());
      this.mounted = true;
    }
    this.values = start;
    skipEmptyStages();
  }

  /** The directories this mount's plan creates, in order: what its intent names for undo. */
  List<String> plannedDirectories() {
    List<String> dirs = new ArrayList<>();
    for (Stage stage : plan.stages()) {
      for (Step step : stage.steps()) {
        if (step.call() == Step.Call.MKDIRAT) {
          String dir = step.args().get(3).show(RunValues.NONE);
          if (!dir.isEmpty()) {
            dirs.add(dir);
          }
        }
      }
    }
    return dirs;
  }

  String target() {
    return plan.target().toString();
  }

  /** Mounted by this run, and neither parked nor handed over: it must be parked on the way out. */
  boolean needsParking() {
    return mounted && !parked && state != Executor.State.HANDED_OVER;
  }

  Optional<Step> current() {
    if (state == Executor.State.FAILED
        || state == Executor.State.UNDONE
        || stageIndex >= plan.stages().size()) {
      return Optional.empty();
    }
    return Optional.of(plan.stages().get(stageIndex).steps().get(stepIndex));
  }

  StageName currentStage() {
    return plan.stages().get(stageIndex).name();
  }

  /** Whether the current step is the last one of stages up to and including {@code last}. */
  boolean lastStepUpTo(StageName last) {
    if (stepIndex + 1 < plan.stages().get(stageIndex).steps().size()) {
      return false;
    }
    for (int s = stageIndex + 1; s < plan.stages().size(); s++) {
      Stage stage = plan.stages().get(s);
      if (!stage.steps().isEmpty()) {
        return stage.name().ordinal() > last.ordinal();
      }
    }
    return true;
  }

  void advance() {
    stepIndex++;
    skipEmptyStages();
    if (stageIndex >= plan.stages().size()
        && state != Executor.State.HELD
        && state != Executor.State.HANDED_OVER
        && state != Executor.State.PARKED) {
      state = Executor.State.DONE;
    }
  }

  private void skipEmptyStages() {
    while (stageIndex < plan.stages().size()
        && stepIndex >= plan.stages().get(stageIndex).steps().size()) {
      stageIndex++;
      stepIndex = 0;
    }
  }
}
