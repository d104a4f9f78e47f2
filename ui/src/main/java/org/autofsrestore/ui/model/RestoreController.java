package org.autofsrestore.ui.model;

import java.util.List;

/**
 * The restore engine as the UI drives it. Implemented by the application over the plan executor.
 *
 * <p>Threads: the query methods ({@link #live}, {@link #progress}, {@link #stepper}, {@link
 * #requests}, ...) are called on the UI thread and must return quickly (snapshots). The action
 * methods ({@link #nextStep}, {@link #runStage}, {@link #runAll}, {@link #undo}, {@link #answer},
 * {@link #parkAll}, {@link #goLive}, {@link #resume}, {@link #undoRun}) are called on a separate
 * worker thread, one at a time, and may block (real system calls, waiting for an owner); they
 * should return early when the worker thread is interrupted (the UI interrupts it when the user
 * quits during a step). An exception from an action is shown to the user as one line (its message).
 */
public interface RestoreController {

  /** True when steps run real system calls (LIVE), false in a dry run. */
  boolean live();

  /** Whether this session could go live, and why not. */
  LiveAvailability liveAvailability();

  /**
   * Switches a dry-run session to live. Called only after the user confirmed and only when {@link
   * #liveAvailability()} said it is possible.
   */
  void goLive() throws Exception;

  /** The mount's restore progress for the list. */
  Progress progress(String mountId);

  /** The mount's plan and the state of each step. */
  StepperSnapshot stepper(String mountId);

  /** Runs (or, in a dry run, previews) the mount's next pending step. */
  void nextStep(String mountId) throws Exception;

  /** Runs the rest of the mount's current stage. */
  void runStage(String mountId) throws Exception;

  /** Runs every remaining step of every stage of the mount. */
  void runAll(String mountId) throws Exception;

  /** Undoes what was done to the mount (newest first). */
  void undo(String mountId) throws Exception;

  /**
   * The runs found unfinished when the session began, newest first, less those this session has
   * resumed or undone since. The UI offers them when it opens.
   */
  List<UnfinishedRun> unfinishedRuns();

  /**
   * Switches a dry-run session to live on the resume of that run, its journal appended to: each
   * mount's steps become what is left of it (none for a mount the run finished). Steps then run as
   * after {@link #goLive}. Returns one line per mount: what the resume decided for it.
   *
   * @throws IllegalStateException when the run cannot be resumed (its message says why)
   */
  List<String> resume(String journal) throws Exception;

  /**
   * Undoes that run from its journal, as {@code undo --journal} does: parks and unmounts what it
   * mounted, removes the directories it made, and finishes its journal. One line per action.
   */
  List<String> undoRun(String journal) throws Exception;

  /**
   * The latest kernel requests (oldest first), every waiting one among them; empty unless the owner
   * mode is hold. A flood of lookups cannot make it long: older answered ones are dropped.
   */
  List<KernelRequest> requests();

  /** How many older answered requests {@link #requests()} no longer lists. */
  default long requestsDropped() {
    return 0;
  }

  /** Answers a waiting request. */
  void answer(long requestId, RequestAnswer answer) throws Exception;

  /**
   * Mountpoints of the mounts this session mounted and has not handed over or parked; the UI asks
   * before quitting while this is not empty.
   */
  List<String> mountedNotHandedOver();

  /** Parks (makes catatonic) every mount this session has not handed over. */
  void parkAll() throws Exception;

  /**
   * Registers the one listener to call, on any thread, whenever something the UI shows changed
   * without the UI asking (a request arrived, a step advanced, an owner appeared). Cheap to call
   * often; the UI redraws soon after.
   */
  void setChangeListener(Runnable listener);
}
