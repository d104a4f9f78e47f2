package org.autofsrestore.ui.screen;

import java.util.List;

/**
 * Quitting and hanging up. No mount may be left pointing at a pipe nobody serves, so the way out
 * goes through parking: ask (unless the terminal is gone), interrupt a running step and wait for
 * it, park what this session mounted and did not hand over, then finish. Runs on the UI thread.
 */
final class QuitFlow {

  /** Where the way out stands. */
  sealed interface State {}

  /** Not quitting. */
  record Running() implements State {}

  /** A quit question is on screen; {@code before} is the state its "no" returns to. */
  record Asking(State before) implements State {}

  /** The running action was interrupted; the flow goes on when it ends. */
  record AwaitingStep() implements State {}

  /** Parking the mounts not handed over. */
  record Parking() implements State {}

  /** Done: the UI may end. */
  record Finished() implements State {}

  /** What the flow needs from the screen and the controller. */
  interface Host {
    /** Closes the help and the filter prompt. */
    void closeOverlays();

    /** Shows a question (replacing any other). */
    void ask(Dialog question);

    /** Drops any question: after a hang-up nobody can answer it. */
    void dropQuestion();

    /** The mounts to park; never throws (a failure reads as one "(unknown: ...)" entry). */
    List<String> mountedNotHandedOver();

    void parkAll() throws Exception;
  }

  private final ActionRunner runner;
  private final MessageLine messages;
  private final Host host;
  private State state = new Running();
  private boolean hungUp;

  QuitFlow(ActionRunner runner, MessageLine messages, Host host) {
    this.runner = runner;
    this.messages = messages;
    this.host = host;
    runner.afterEach(this::actionEnded);
  }

  State state() {
    return state;
  }

  boolean finished() {
    return state instanceof Finished;
  }

  /** True once the terminal is gone: nothing is asked, and terminal errors are expected. */
  boolean hungUp() {
    return hungUp;
  }

  /** q or Ctrl-C. */
  void quitRequested() {
    if (state instanceof Finished || state instanceof Asking) {
      return;
    }
    host.closeOverlays();
    if (state instanceof AwaitingStep) {
      runner.interrupt();
      messages.show(
          "Quitting: waiting for " + runningLabel("the step") + " to end.", Role.ATTENTION);
      return;
    }
    if (runner.busy()) {
      ask(
          List.of(
              "A step is still running: " + runningLabel("") + ".",
              "Interrupt it and quit? Mounts this session has not handed over are parked"
                  + " first (made catatonic: accesses fail fast)."),
          () -> {
            if (!runner.busy()) {
              proceed(true);
            } else {
              state = new AwaitingStep();
              runner.interrupt();
              messages.show(
                  "Quitting: waiting for " + runningLabel("") + " to end.", Role.ATTENTION);
            }
          });
      return;
    }
    proceed(false);
  }

  /** The terminal is gone (end of input, SIGHUP): park without asking, then finish. */
  void hungUpNow() {
    if (state instanceof Finished) {
      return;
    }
    hungUp = true;
    host.dropQuestion();
    if (state instanceof Asking asking) {
      state = asking.before();
    }
    if (runner.busy()) {
      state = new AwaitingStep();
      runner.interrupt();
    } else {
      proceed(true);
    }
  }

  private void actionEnded() {
    if (state instanceof AwaitingStep && !runner.busy()) {
      state = new Running();
      proceed(true);
    }
  }

  private void proceed(boolean confirmed) {
    List<String> open = host.mountedNotHandedOver();
    if (open.isEmpty()) {
      state = new Finished();
      return;
    }
    if (confirmed || hungUp) {
      park();
      return;
    }
    ask(
        List.of(
            open.size()
                + (open.size() == 1 ? " mount is" : " mounts are")
                + " mounted and not handed over: "
                + firstFive(open)
                + ".",
            "Park them (make them catatonic, so accesses fail fast instead of hanging) and"
                + " quit?"),
        this::park);
  }

  /** Asks "Quit?"; yes and no both return to the state before asking, yes then goes on. */
  private void ask(List<String> question, Runnable onYes) {
    State before = state;
    state = new Asking(before);
    host.ask(
        new Dialog(
            "Quit?",
            question,
            () -> {
              state = before;
              onYes.run();
            },
            () -> notQuitting(before)));
  }

  private void notQuitting(State before) {
    state = before;
    messages.show("Not quitting.", Role.NORMAL);
  }

  private void park() {
    if (!runner.busy()) {
      state = new Parking();
    }
    runner.launch(
        "parking the mounts not handed over",
        host::parkAll,
        () -> state = new Finished(),
        error -> {
          if (hungUp) {
            state = new Finished();
            return;
          }
          state = notParking(state);
          messages.show(
              "Parking failed: " + ErrorText.describe(error) + " (q tries again).",
              Role.MESSAGE_ERROR);
        });
  }

  /** The state once parking failed: the same, except that nothing parks any more. */
  private static State notParking(State s) {
    if (s instanceof Parking) {
      return new Running();
    }
    if (s instanceof Asking asking) {
      return new Asking(notParking(asking.before()));
    }
    return s;
  }

  private String runningLabel(String otherwise) {
    ActionRunner.Busy b = runner.running();
    return b == null ? otherwise : b.label();
  }

  private static String firstFive(List<String> open) {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < open.size() && i < 5; i++) {
      list.append(i == 0 ? "" : ", ").append(open.get(i));
    }
    if (open.size() > 5) {
      list.append(" and ").append(open.size() - 5).append(" more");
    }
    return list.toString();
  }
}
