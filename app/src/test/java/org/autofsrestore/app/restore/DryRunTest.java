package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.kernel.KernelCall;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** A dry run is the executor over a recording kernel: it previews exactly the plan's calls. */
class DryRunTest {
  @Test
  void aDryRunRecordsExactlyThePlansKernelCallsInOrderAndRunsNone() throws Exception {
    Plan plan =
        Planner.plan(
            AutofsAnalysis.inspect(DumpLoader.load(Fixtures.dir("multi"))),
            new FixedLiveSystem().directories("/r"),
            new Planner.Options(Path.of("/r"), List.of(), OwnerMode.HOLD, true, 60, false));
    RecordingKernel recorder = new RecordingKernel();
    Executor executor = new Executor(plan, recorder, Journal.none(), true, LiveProbe.none(), 4242);
    List<String> planned = new ArrayList<>();
    List<String> previewed = new ArrayList<>();
    for (MountPlan m : plan.mounts()) {
      for (Stage s : m.stages()) {
        for (Step step : s.steps()) {
          if (step.call().action instanceof StepAction.KernelStep<?> k) {
            planned.add(k.call(new StepArgs(step, RunValues.NONE)).op());
          }
        }
      }
      for (StepResult r : executor.runAll(m.mountpoint())) {
        assertInstanceOf(StepResult.Previewed.class, r, r.toString());
        previewed.add(r.text());
      }
      assertTrue(executor.parkAll().isEmpty(), "a dry run mounted nothing to park");
    }
    assertEquals(planned, recorder.calls().stream().map(KernelCall::op).toList());
    assertTrue(
        previewed.stream()
            .anyMatch(
                t -> t.equals("fsconfig(<fs.fd>, FSCONFIG_SET_STRING, \"pgrp\", \"4242\", 0)")),
        "runtime values stay placeholders; known ones are filled in: " + previewed);
  }

  @Test
  void stepTextsOfADryRunEqualThePlansTexts() throws Exception {
    Plan plan =
        Planner.plan(
            AutofsAnalysis.inspect(DumpLoader.load(Fixtures.dir("indirect"))),
            new FixedLiveSystem().directories("/r"),
            new Planner.Options(Path.of("/r"), List.of(), OwnerMode.HANDOFF, true, 60, false));
    Executor executor =
        new Executor(plan, new RecordingKernel(), Journal.none(), true, LiveProbe.none(), 7);
    List<String> texts = executor.runAll("/srv/auto-a").stream().map(StepResult::text).toList();
    List<String> expected = new ArrayList<>();
    plan.mounts()
        .get(0)
        .stages()
        .forEach(s -> s.steps().forEach(st -> expected.add(st.text(RunValues.startingWith(7)))));
    assertEquals(expected, texts);
  }
}
