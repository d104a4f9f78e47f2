package org.autofsrestore.app.report;

import org.autofsrestore.app.json.JsonWriter;
import org.autofsrestore.app.restore.MountPlan;
import org.autofsrestore.app.restore.Plan;
import org.autofsrestore.app.restore.RunValues;
import org.autofsrestore.app.restore.Stage;
import org.autofsrestore.app.restore.Step;

/** {@code plan --json}: every mount's stages and exact calls, placeholders where not known. */
public final class PlanJson {
  private PlanJson() {}

  public static void write(Plan plan, Appendable out) {
    JsonWriter json = new JsonWriter(out);
    json.beginObject();
    json.name("image_dir").value(plan.imageDir().toString());
    json.name("root").value(plan.root().toString());
    json.name("owner").value(plan.owner().option());
    json.name("findings");
    FindingsJson.write(json, plan.findings());
    json.name("mounts").beginArray();
    for (MountPlan m : plan.mounts()) {
      json.beginObject();
      json.name("mountpoint").value(m.mountpoint());
      json.name("target").value(m.target().toString());
      json.name("parked_in_dump").value(m.parkedInDump());
      json.name("runnable").value(m.runnable());
      json.name("stages").beginArray();
      for (Stage stage : m.stages()) {
        json.beginObject();
        json.name("stage").value(stage.name().label());
        json.name("steps").beginArray();
        for (Step step : stage.steps()) {
          json.beginObject();
          json.name("call").value(step.call().label());
          json.name("args").beginArray();
          step.shownArgs(RunValues.NONE).forEach(json::value);
          json.endArray();
          if (!step.produces().isEmpty()) {
            json.name("produces").beginArray();
            step.produces().forEach(json::value);
            json.endArray();
          }
          json.name("text").value(step.text(RunValues.NONE));
          json.endObject();
        }
        json.endArray();
        json.endObject();
      }
      json.endArray();
      json.name("findings");
      FindingsJson.write(json, m.findings());
      json.endObject();
    }
    json.endArray();
    json.endObject();
    json.finish();
  }
}
