package org.autofsrestore.app.report;

import org.autofsrestore.app.autofs.AutofsMode;
import org.autofsrestore.app.json.JsonWriter;
import org.autofsrestore.app.live.DiffReport;
import org.autofsrestore.app.live.LiveMount;
import org.autofsrestore.app.live.MountDiff;

/** {@code diff --json}: each dump mount with the live mount at its target and the differences. */
public final class DiffJson {
  private DiffJson() {}

  public static void write(DiffReport report, Appendable out) {
    JsonWriter json = new JsonWriter(out);
    json.beginObject();
    json.name("image_dir").value(report.imageDir().toString());
    json.name("root").value(report.root());
    json.name("mounts").beginArray();
    for (MountDiff m : report.mounts()) {
      json.beginObject();
      json.name("mountpoint").value(m.dump().mountpoint());
      json.name("target").value(m.target());
      json.name("state")
          .value(m.live().isEmpty() ? "missing" : m.findings().isEmpty() ? "same" : "differs");
      json.name("dump").beginObject();
      json.name("mode").value(m.dump().mode().map(AutofsMode::option).orElse(null));
      json.name("timeout").value(m.dump().timeout());
      json.name("minproto").value(m.dump().minproto());
      json.name("maxproto").value(m.dump().maxproto());
      json.name("root_dev").value(m.dump().mount().rootDev().toString());
      json.name("catatonic").value(m.dump().catatonic());
      json.name("owner_pid").value(m.dump().owner().map(o -> o.pid()).orElse(null));
      json.name("owner_comm").value(m.dump().owner().map(o -> o.comm()).orElse(null));
      json.endObject();
      json.name("live");
      live(json, m.live().orElse(null));
      json.name("findings");
      FindingsJson.write(json, m.findings());
      json.endObject();
    }
    json.endArray();
    json.name("extra").beginArray();
    for (LiveMount l : report.extra()) {
      live(json, l);
    }
    json.endArray();
    json.name("findings");
    FindingsJson.write(json, report.findings());
    json.endObject();
    json.finish();
  }

  private static void live(JsonWriter json, LiveMount l) {
    if (l == null) {
      json.nullValue();
      return;
    }
    json.beginObject();
    LiveJson.fields(json, l);
    json.endObject();
  }
}
