package org.autofsrestore.ui.screen;

import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import org.autofsrestore.ui.model.Progress;
import org.autofsrestore.ui.model.StageView;
import org.autofsrestore.ui.model.StepStatus;
import org.autofsrestore.ui.model.StepView;
import org.autofsrestore.ui.model.StepperSnapshot;

/** The restore plan of one mount, step by step, with the kernel's answers. */
final class StepperView extends View {
  private static final int STATUS_WIDTH = 10;
  private final Pane pane = new Pane();
  private String mountId;
  private boolean follow = true;

  private final KeyMap keys;

  StepperView(ViewContext ctx) {
    super(ctx);
    keys =
        new KeyMap()
            .bindMovements(
                m -> {
                  pane.move(m);
                  follow = false;
                })
            .bind(
                Command.SWITCH,
                () -> ctx.showPage(ScreenApp.Page.DETAILS),
                Key.special(KeyType.Tab),
                Key.typed('d'))
            .bind(
                Command.BACK,
                ctx::back,
                Key.special(KeyType.Escape),
                Key.special(KeyType.Backspace));
    bindSteps(keys, ctx::step);
  }

  @Override
  String tabTitle() {
    return "Stepper";
  }

  @Override
  void showMount(String id) {
    if (!id.equals(mountId)) {
      pane.reset();
    }
    mountId = id;
    follow = true;
  }

  /** After an action: scroll to the step that changed or comes next. */
  @Override
  void stepStarted() {
    follow = true;
  }

  /** The first step that is not done (pending or failed), or null. */
  static StepView nextStep(StepperSnapshot s) {
    if (s == null || s.stages() == null) {
      return null;
    }
    for (StageView stage : s.stages()) {
      for (StepView step : stage.steps()) {
        if (step.status() == StepStatus.PENDING
            || step.status() == StepStatus.RUNNING
            || step.status() == StepStatus.FAILED) {
          return step;
        }
      }
    }
    return null;
  }

  List<Line> lines(StepperSnapshot s, int width, int[] focus) {
    Lines b = new Lines(width - 1, ctx.ascii(), ctx.glyphs().ellipsis);
    focus[0] = -1;
    focus[1] = -1;
    if (s == null) {
      b.add(Line.of("No restore plan for this mount.", Role.ERROR));
      return b.lines;
    }
    Progress progress = ctx.progress(mountId);
    b.add(
        new Line()
            .add("Restore ", Role.DIM)
            .add(ctx.mountpointOf(mountId), Role.TITLE)
            .add(" " + ctx.glyphs().arrow + " ", Role.DIM)
            .add(s.target(), Role.NORMAL)
            .add("   progress ", Role.DIM)
            .add(Labels.progress(progress, ctx.glyphs()), Labels.progressRole(progress)));
    b.add(
        ctx.live()
            ? Line.of(
                "LIVE: each step runs the real call and shows the kernel's answer.", Role.ERROR)
            : Line.of(
                "DRY RUN: steps are previewed exactly as they would run; nothing changes.",
                Role.STATUS_PREVIEWED));
    if (s.note() != null && !s.note().isEmpty()) {
      b.wrapped("", Role.NORMAL, s.note(), Role.ATTENTION);
    }
    List<StageView> stages = s.stages() == null ? List.of() : s.stages();
    StepView next = nextStep(s);
    String indent = " ".repeat(4 + STATUS_WIDTH + 1);
    for (int i = 0; i < stages.size(); i++) {
      StageView stage = stages.get(i);
      int done = 0;
      for (StepView step : stage.steps()) {
        if (step.status() != StepStatus.PENDING) {
          done++;
        }
      }
      b.blank();
      b.add(
          new Line()
              .add("Stage " + (i + 1) + "/" + stages.size() + "  ", Role.DIM)
              .add(stage.name(), Role.TITLE)
              .add("   " + done + " of " + stage.steps().size() + " steps done", Role.DIM));
      for (StepView step : stage.steps()) {
        boolean isNext = step == next;
        int first = b.lines.size();
        String mark = isNext ? " " + ctx.glyphs().marker + " " : "   ";
        b.wrapped(
            mark + " " + Text.pad(step.status().name(), STATUS_WIDTH, "") + " ",
            Labels.statusRole(step.status()),
            step.call(),
            isNext ? Role.TITLE : Role.CALL);
        if (step.answer() != null && !step.answer().isEmpty()) {
          b.wrapped(
              indent + "= ",
              Role.DIM,
              step.answer().startsWith("= ") ? step.answer().substring(2) : step.answer(),
              step.status() == StepStatus.FAILED ? Role.STATUS_FAILED : Role.STATUS_OK);
        }
        if (step.mountinfo() != null && !step.mountinfo().isEmpty()) {
          b.wrapped(indent + "mountinfo: ", Role.DIM, step.mountinfo(), Role.NORMAL);
        }
        if (isNext || step.status() == StepStatus.RUNNING) {
          focus[0] = first;
          focus[1] = b.lines.size() - 1;
        }
      }
    }
    if (next == null && !stages.isEmpty()) {
      b.blank();
      b.add(
          Line.of(
              ctx.live()
                  ? "All steps done."
                  : "All steps previewed (dry run): nothing was changed.",
              Role.GOOD));
      focus[0] = b.lines.size() - 1;
      focus[1] = focus[0];
    }
    return b.lines;
  }

  @Override
  void render(Canvas c, int top, int rows) {
    StepperSnapshot s = ctx.stepper(mountId);
    int[] focus = new int[2];
    List<Line> lines = lines(s, c.width, focus);
    pane.prepare(lines.size(), rows);
    if (follow && focus[0] >= 0) {
      pane.reveal(Math.max(0, focus[0] - 1), focus[1]);
      follow = false;
    }
    pane.render(c, lines, top, rows);
  }

  @Override
  int[] scrollHint(int top, int rows, int width) {
    return pane.scrollHint(top, rows, width);
  }

  @Override
  void forgetDrawn() {
    pane.forgetDrawn();
  }

  @Override
  KeyMap keys() {
    return keys;
  }

  @Override
  List<Hint> hints() {
    return List.of(
        Hint.of("n", "next", Command.NEXT),
        Hint.of("s", "stage", Command.STAGE),
        Hint.of("a", "all", Command.ALL),
        Hint.of("u", "undo", Command.UNDO),
        Hint.of("L", "live", Command.LIVE),
        Hint.of("Tab", "details", Command.SWITCH),
        Hint.of("Esc", "back", Command.BACK),
        Hint.of("?", "help", Command.HELP));
  }
}
