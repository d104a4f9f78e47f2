package org.autofsrestore.app.report;

import java.nio.file.Path;
import java.util.List;
import org.autofsrestore.app.json.JsonWriter;
import org.autofsrestore.app.restore.Executor;
import org.autofsrestore.app.restore.StepResult;

/** {@code restore --json}: each mount's state and every step with the kernel's answer. */
public final class RestoreJson {
  private RestoreJson() {}

  public static void write(
      Path journal, Executor executor, List<String> parkedOnExit, Appendable out) {
    JsonWriter json = new JsonWriter(out);
    json.beginObject();
    json.name("journal").value(journal == null ? null : journal.toString());
    json.name("mounts").beginArray();
    for (String mountpoint : executor.mountpoints()) {
      Executor.Progress p = executor.progress(mountpoint);
      json.beginObject();
      json.name("mountpoint").value(mountpoint);
      json.name("target").value(p.plan().target().toString());
      json.name("state").value(p.state().name().toLowerCase(java.util.Locale.ROOT));
      json.name("steps").beginArray();
      for (StepResult r : p.results()) {
        json.beginObject();
        json.name("stage").value(r.stage().label());
        json.name("call").value(r.step().call().label());
        json.name("text").value(r.text());
        json.name("ok").value(!(r instanceof StepResult.Failed));
        json.name("answer").value(r.answer());
        if (r instanceof StepResult.Failed f) {
          json.name("errno").value(f.errno());
          json.name("recovery").value(f.recovery());
        }
        json.name("mountinfo").value(mountinfo(r));
        json.endObject();
      }
      json.endArray();
      json.endObject();
    }
    json.endArray();
    json.name("parked_on_exit").beginArray();
    parkedOnExit.forEach(json::value);
    json.endArray();
    json.endObject();
    json.finish();
  }

  private static String mountinfo(StepResult r) {
    if (r instanceof StepResult.Done d) {
      return d.mountinfo().orElse(null);
    }
    if (r instanceof StepResult.Failed f) {
      return f.mountinfo().orElse(null);
    }
    return null;
  }
}
