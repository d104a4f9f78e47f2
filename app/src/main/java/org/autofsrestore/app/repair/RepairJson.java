package org.autofsrestore.app.repair;

import org.autofsrestore.app.json.JsonWriter;

/** A repair plan as one JSON document ({@code repair --json}). */
public final class RepairJson {
  private RepairJson() {}

  public static void write(RepairPlan plan, boolean dryRun, Appendable out) {
    JsonWriter json = new JsonWriter(out);
    json.beginObject();
    json.name("image_dir").value(plan.dump().toString());
    json.name("pid").value(plan.pid());
    json.name("dry_run").value(dryRun);
    json.name("mounts").beginArray();
    for (MountRepair m : plan.mounts()) {
      json.beginObject();
      json.name("mountpoint").value(m.mountpoint());
      json.name("mode").value(m.mode());
      json.name("verdict").value(m.verdict());
      json.name("why").value(m.why());
      if (m instanceof MountRepair.CannotRepair c) {
        json.name("action").value(c.action());
      }
      if (m instanceof MountRepair.Repairs r) {
        json.name("stale_device").value(r.staleDevice());
        json.name("dump_device").value(r.dumpDevice());
        json.name("owner_pid").value(r.ownerPid());
      }
      json.endObject();
    }
    json.endArray();
    json.name("steps").beginArray();
    for (RepairStep s : plan.steps()) {
      json.beginObject();
      json.name("text").value(s.text());
      json.name("why").value(s.why());
      json.endObject();
    }
    json.endArray();
    json.endObject();
    json.finish();
  }
}
