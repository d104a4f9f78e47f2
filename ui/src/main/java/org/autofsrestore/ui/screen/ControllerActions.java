package org.autofsrestore.ui.screen;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.autofsrestore.ui.model.KernelRequest;
import org.autofsrestore.ui.model.LiveAvailability;
import org.autofsrestore.ui.model.RequestAnswer;
import org.autofsrestore.ui.model.SessionInfo;
import org.autofsrestore.ui.model.StageView;
import org.autofsrestore.ui.model.StepStatus;
import org.autofsrestore.ui.model.StepView;
import org.autofsrestore.ui.model.StepperSnapshot;
import org.autofsrestore.ui.model.UnfinishedRun;

/**
 * The controller actions keys start: steps on a mount, answers to kernel requests, going live. Each
 * asks first where a real system call is at stake, runs on the {@link ActionRunner}, and reports
 * its outcome on the message line.
 */
final class ControllerActions {
  private final ScreenData data;
  private final SessionInfo session;
  private final ActionRunner runner;
  private final MessageLine messages;
  private final Consumer<Dialog> ask;
  private final Runnable followStepper;
  private boolean liveConfirmed;

  ControllerActions(
      ScreenData data,
      SessionInfo session,
      ActionRunner runner,
      MessageLine messages,
      Consumer<Dialog> ask,
      Runnable followStepper) {
    this.data = data;
    this.session = session;
    this.runner = runner;
    this.messages = messages;
    this.ask = ask;
    this.followStepper = followStepper;
  }

  /** n, s, a or u on {@code mountId}, the open mount (null: none is open). */
  void step(StepKind kind, String mountId) {
    String id = mountId;
    if (id == null) {
      messages.show("Open a mount first.", Role.ATTENTION);
      return;
    }
    if (runner.busy()) {
      messages.show("Wait: " + runner.running().label() + " is still running.", Role.ATTENTION);
      return;
    }
    String name = data.mountpointOf(id);
    boolean live = data.live();
    String label;
    ActionRunner.Action action;
    switch (kind) {
      case NEXT -> {
        label = (live ? "next step of " : "preview of the next step of ") + name;
        action = () -> data.controller.nextStep(id);
      }
      case STAGE -> {
        label = (live ? "stage of " : "preview of the stage of ") + name;
        action = () -> data.controller.runStage(id);
      }
      case ALL -> {
        label = (live ? "all stages of " : "preview of all stages of ") + name;
        action = () -> data.controller.runAll(id);
      }
      default -> {
        label = "undo of " + name;
        action = () -> data.controller.undo(id);
      }
    }
    Runnable go = () -> launchStep(id, label, action);
    if (live && !liveConfirmed) {
      StepView next = StepperView.nextStep(data.stepper(id));
      List<String> text = new ArrayList<>();
      text.add(
          "This session is LIVE: steps run real system calls as root"
              + where()
              + ". Nothing has run yet.");
      if (kind == StepKind.UNDO) {
        text.add("Undo unmounts what this session mounted for " + name + ", newest first.");
      } else if (next != null) {
        text.add("Next: " + next.call());
      }
      text.add("Run it? (asked once per session)");
      ask.accept(
          new Dialog(
              "Run for real?",
              text,
              () -> {
                liveConfirmed = true;
                go.run();
              },
              () -> messages.show("Nothing was run.", Role.NORMAL)));
      return;
    }
    if (live && kind == StepKind.UNDO) {
      ask.accept(
          new Dialog(
              "Undo?",
              List.of("Unmount what this session mounted for " + name + ", newest first?"),
              go,
              () -> messages.show("Nothing was undone.", Role.NORMAL)));
      return;
    }
    go.run();
  }

  void answer(KernelRequest r, RequestAnswer answer) {
    runner.launch(
        "answer " + answer + " to " + r.name() + " (pid " + r.pid() + ")",
        () -> data.controller.answer(r.id(), answer),
        () ->
            messages.show(
                "Sent " + answer + " for '" + r.name() + "' (pid " + r.pid() + ").",
                answer == RequestAnswer.FAIL ? Role.NORMAL : Role.MESSAGE_OK),
        error -> {});
  }

  /** L: asks, then switches the session to live. */
  void goLive() {
    if (data.live()) {
      messages.show("Already LIVE.", Role.ATTENTION);
      return;
    }
    LiveAvailability availability;
    try {
      availability = data.controller.liveAvailability();
    } catch (RuntimeException e) {
      availability = LiveAvailability.no(ErrorText.describe(e));
    }
    if (availability == null || !availability.possible()) {
      messages.show(
          "Cannot go live: " + (availability == null ? "unknown" : availability.reason()),
          Role.MESSAGE_ERROR);
      return;
    }
    ask.accept(
        new Dialog(
            "Go LIVE?",
            List.of(
                "From now on n, s, a and u run real system calls as root" + where() + ".",
                "The banner turns red and says LIVE. Go live?"),
            () ->
                runner.launch(
                    "going live",
                    data.controller::goLive,
                    () -> {
                      liveConfirmed = true;
                      messages.show("LIVE: steps now run for real.", Role.MESSAGE_ERROR);
                    },
                    error -> {}),
            () -> messages.show("Still a dry run.", Role.NORMAL)));
  }

  /**
   * Offers the newest unfinished run for resume or undo. {@code atStart}: the session just opened,
   * and says nothing when there is none.
   */
  void offerUnfinished(boolean atStart) {
    List<UnfinishedRun> runs = data.controller.unfinishedRuns();
    if (runs.isEmpty()) {
      if (!atStart) {
        messages.show("No unfinished run: every journal found has its finish line.", Role.NORMAL);
      }
      return;
    }
    UnfinishedRun run = runs.get(0);
    List<String> text = new ArrayList<>();
    text.add(
        "A restore never finished (killed, crashed, or its SSH session was lost): it may have"
            + " left mounts. Its journal:");
    text.add(run.journal());
    text.addAll(run.facts());
    if (run.resumableHere()) {
      text.add(
          "Resume goes LIVE on what is left of each mount (checked against the kernel's mount"
              + " table); steps then run when you press n, s or a. Undo parks and unmounts what it"
              + " mounted and removes the directories it made.");
    } else {
      text.add(run.notResumableHere() + " Undo parks and unmounts what it mounted.");
    }
    if (runs.size() > 1) {
      text.add((runs.size() - 1) + " more unfinished: J shows the next after this one.");
    }
    List<Dialog.Choice> choices = new ArrayList<>();
    if (run.resumableHere()) {
      choices.add(new Dialog.Choice('r', "resume", () -> resume(run), false));
    }
    choices.add(new Dialog.Choice('u', "undo", () -> undoRun(run), false));
    choices.add(
        new Dialog.Choice(
            'l',
            "later (J)",
            () -> messages.show("Left unfinished: " + run.journal(), Role.NORMAL),
            true));
    ask.accept(new Dialog("Unfinished restore", text, choices));
  }

  private void resume(UnfinishedRun run) {
    if (data.live()) {
      messages.show("Already LIVE: resume it from a new session.", Role.ATTENTION);
      return;
    }
    List<String> decided = new ArrayList<>();
    runner.launch(
        "resume of " + run.journal(),
        () -> decided.addAll(data.controller.resume(run.journal())),
        () ->
            messages.show(
                "LIVE, resuming: " + String.join("; ", decided) + ". n, s, a run what is left.",
                Role.MESSAGE_ERROR),
        error -> {});
  }

  private void undoRun(UnfinishedRun run) {
    List<String> done = new ArrayList<>();
    runner.launch(
        "undo of " + run.journal(),
        () -> done.addAll(data.controller.undoRun(run.journal())),
        () ->
            messages.show(
                "Undone: " + (done.isEmpty() ? "nothing was left" : String.join("; ", done)),
                done.stream().anyMatch(d -> d.contains("failed"))
                    ? Role.MESSAGE_ERROR
                    : Role.MESSAGE_OK),
        error -> {});
  }

  private String where() {
    String root = session.restoreRoot() == null ? "" : session.restoreRoot();
    return session.sandbox()
        ? " inside the sandbox (a private mount namespace on a fresh tmpfs root " + root + ")"
        : root.isEmpty() ? " on this machine" : " on this machine, under " + root;
  }

  private void launchStep(String id, String label, ActionRunner.Action action) {
    StepperSnapshot before = data.stepper(id);
    followStepper.run();
    runner.launch(
        label,
        action,
        () -> {
          followStepper.run();
          reportStep(before, data.stepper(id));
        },
        error -> followStepper.run());
  }

  private void reportStep(StepperSnapshot before, StepperSnapshot after) {
    List<StepView> a = steps(before);
    List<StepView> b = steps(after);
    StepView changed = null;
    for (int i = 0; i < b.size(); i++) {
      StepStatus was = i < a.size() ? a.get(i).status() : null;
      if (b.get(i).status() != was) {
        changed = b.get(i);
      }
    }
    if (changed == null) {
      messages.show(
          StepperView.nextStep(after) == null
              ? "Nothing left to run for this mount."
              : "No step changed.",
          Role.NORMAL);
      return;
    }
    String answer =
        changed.answer() == null || changed.answer().isEmpty() ? "" : "  " + changed.answer();
    switch (changed.status()) {
      case FAILED -> messages.show("FAILED " + changed.call() + answer, Role.MESSAGE_ERROR);
      case PREVIEWED -> messages.show("previewed " + changed.call(), Role.STATUS_PREVIEWED);
      case UNDONE -> messages.show("undone " + changed.call() + answer, Role.STATUS_UNDONE);
      default ->
          messages.show(changed.status().name() + " " + changed.call() + answer, Role.MESSAGE_OK);
    }
  }

  private static List<StepView> steps(StepperSnapshot s) {
    List<StepView> out = new ArrayList<>();
    if (s != null && s.stages() != null) {
      for (StageView stage : s.stages()) {
        out.addAll(stage.steps());
      }
    }
    return out;
  }
}
