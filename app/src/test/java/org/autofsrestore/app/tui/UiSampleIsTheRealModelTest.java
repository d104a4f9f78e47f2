package org.autofsrestore.app.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.restore.FixedLiveSystem;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.Planner;
import org.autofsrestore.testkit.Fixtures;
import org.autofsrestore.ui.model.DumpModel;
import org.autofsrestore.ui.model.Finding;
import org.autofsrestore.ui.model.LiveSnapshot;
import org.autofsrestore.ui.model.MountDetails;
import org.autofsrestore.ui.model.MountRow;
import org.autofsrestore.ui.model.StepperSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ui module's tests run on a sample of the multi fixture, since the ui cannot depend on app:
 * this test makes that sample from the real model and the real planner, so that it cannot go stale.
 * It fails when the committed sample differs; {@code -Dui.sample.write=true} writes it.
 */
class UiSampleIsTheRealModelTest {
  /** Beside the ui tests that read it (Maven runs this test in app/). */
  static final Path SAMPLE = Path.of("../ui/src/test/resources/org/autofsrestore/ui/multi.json");

  /**
   * What the ui's SampleDump reads back; the same names on both sides. {@code live} is the live
   * host of {@link MultiLiveHost} (the fixture restored under /tmp/r) as the model reads it.
   */
  record UiSample(
      List<MountRow> mounts,
      List<MountDetails> details,
      List<Finding> findings,
      Map<String, List<StepperSnapshot>> steppers,
      LiveSnapshot live) {}

  @TempDir static Path tmp;

  @Test
  void theUiTestsSampleIsWhatTheRealModelAndPlannerMakeOfTheMultiFixture() throws Exception {
    String made = sampleJson();
    if (Boolean.getBoolean("ui.sample.write")) {
      Files.writeString(SAMPLE, made, StandardCharsets.UTF_8);
    }
    assertEquals(
        Files.readString(SAMPLE, StandardCharsets.UTF_8),
        made,
        SAMPLE
            + " is not what the model and planner make of the multi fixture now: write it again"
            + " with mvn -pl app -am verify -Dtest=UiSampleIsTheRealModelTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dui.sample.write=true, and read its diff");
  }

  private static String sampleJson() throws Exception {
    Inspection inspection = AutofsAnalysis.inspect(DumpLoader.load(Fixtures.dir("multi")));
    Map<String, List<StepperSnapshot>> steppers = new LinkedHashMap<>();
    DumpModel model = null;
    for (OwnerMode owner : OwnerMode.values()) {
      TuiLauncher.Session session = session(inspection, owner);
      model = session.model();
      List<StepperSnapshot> plans = new ArrayList<>();
      for (MountRow row : model.mounts()) {
        plans.add(session.controller().stepper(row.id()));
      }
      steppers.put(owner.name(), plans);
    }
    List<MountDetails> details = new ArrayList<>();
    for (MountRow row : model.mounts()) {
      details.add(model.details(row.id()));
    }
    LiveSnapshot live =
        new LiveSide(
                // Actions name the dump: the same path on every checkout.
                inspection.at(Path.of("/var/lib/criu/multi")),
                MultiLiveHost.ROOT,
                MultiLiveHost.write(tmp.resolve("proc")).root(),
                LiveSideTest.AT_12_04_31)
            .read();
    UiSample sample = new UiSample(model.mounts(), details, model.findings(), steppers, live);
    return new ObjectMapper()
            .registerModule(new Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(sample)
        + "\n";
  }

  /** A dry run under /tmp/r on a host where only /tmp/r exists: the same plan on any machine. */
  private static TuiLauncher.Session session(Inspection inspection, OwnerMode owner) {
    return TuiLauncher.session(
        inspection,
        new Planner.Options(Path.of("/tmp/r"), List.of(), owner, true, 0, false),
        new TuiLauncher.Flags(false, false, false, false, false),
        () -> new FixedLiveSystem().directories("/", "/tmp", "/tmp/r"),
        Path.of("/nonexistent/autofs-restore.log"));
  }
}
