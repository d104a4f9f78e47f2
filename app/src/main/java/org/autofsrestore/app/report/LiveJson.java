package org.autofsrestore.app.report;

import java.util.Optional;
import org.autofsrestore.app.autofs.AutofsMode;
import org.autofsrestore.app.json.JsonWriter;
import org.autofsrestore.app.live.LiveMount;
import org.autofsrestore.app.live.LiveOwner;
import org.autofsrestore.app.live.LiveSleeper;
import org.autofsrestore.app.live.LiveView;
import org.autofsrestore.kernel.probe.AutofsOptions;
import org.autofsrestore.kernel.probe.PipeEndHolder;
import org.autofsrestore.kernel.probe.SleepingTask;

/** {@code inspect --live --json}: the shape of a dump's inspect, snake_case, absent as null. */
public final class LiveJson {
  private LiveJson() {}

  public static void write(LiveView view, Appendable out) {
    JsonWriter json = new JsonWriter(out);
    json.beginObject();
    json.name("mountinfo").value(view.facts().mountinfo().toString());
    json.name("mount_namespace").value(view.facts().mountNamespace().orElse(null));
    json.name("autofs_mounts").beginArray();
    for (LiveMount m : view.mounts()) {
      mount(json, m);
    }
    json.endArray();
    json.name("sleepers_unmatched").beginArray();
    for (LiveSleeper s : view.unmatched()) {
      sleeper(json, s);
    }
    json.endArray();
    json.name("findings");
    FindingsJson.write(json, view.allFindings());
    json.endObject();
    json.finish();
  }

  /** One live mount's fields, inside an object the caller opened (diff nests them). */
  static void fields(JsonWriter json, LiveMount m) {
    Optional<AutofsOptions> o = m.options();
    json.name("mnt_id").value(m.info().mountId());
    json.name("parent_mnt_id").value(m.info().parentId());
    json.name("mountpoint").value(m.mountpoint());
    json.name("source").value(m.info().source());
    json.name("dev").value(m.device());
    json.name("mode").value(m.mode().map(AutofsMode::option).orElse(null));
    json.name("timeout").value(o.map(AutofsOptions::timeout).orElse(null));
    json.name("minproto").value(o.map(AutofsOptions::minproto).orElse(null));
    json.name("maxproto").value(o.map(AutofsOptions::maxproto).orElse(null));
    json.name("uid").value(o.isPresent() ? boxed(o.get().uid()) : null);
    json.name("gid").value(o.isPresent() ? boxed(o.get().gid()) : null);
    json.name("fd").value(o.map(AutofsOptions::fd).orElse(null));
    json.name("pgrp").value(o.map(AutofsOptions::pgrp).orElse(null));
    json.name("pipe_ino").value(o.isPresent() ? boxed(o.get().pipeIno()) : null);
    json.name("catatonic");
    if (o.isPresent()) {
      json.value(o.get().catatonic());
    } else {
      json.nullValue();
    }
    json.name("options").value(m.info().superOptions());
    json.name("systemd_unit").value(m.systemdUnit().orElse(null));
    json.name("owner");
    if (m.owner().isEmpty()) {
      json.nullValue();
    } else {
      LiveOwner owner = m.owner().get();
      json.beginObject();
      json.name("pgrp").value(owner.pgrp());
      json.name("pid").value(boxed(owner.pid()));
      json.name("comm").value(owner.alive() ? owner.comm() : null);
      json.name("alive").value(owner.alive());
      json.endObject();
    }
    json.name("pipe_holders").beginArray();
    for (PipeEndHolder h : m.pipeHolders()) {
      json.beginObject();
      json.name("pid").value(h.pid());
      json.name("comm").value(h.comm());
      json.name("pgrp").value(h.pgrp());
      json.name("fd").value(h.fd());
      json.name("end").value(h.end().name().toLowerCase(java.util.Locale.ROOT));
      json.endObject();
    }
    json.endArray();
    json.name("pipe_reader").beginArray();
    for (PipeEndHolder h : m.readers()) {
      json.value(h.pid());
    }
    json.endArray();
    json.name("fd_tables_unread").value(m.fdTablesUnread());
    json.name("sleepers").beginArray();
    for (LiveSleeper s : m.sleepers()) {
      sleeper(json, s);
    }
    json.endArray();
  }

  private static Long boxed(java.util.OptionalLong v) {
    return v.isPresent() ? Long.valueOf(v.getAsLong()) : null;
  }

  private static void mount(JsonWriter json, LiveMount m) {
    json.beginObject();
    fields(json, m);
    json.name("findings");
    FindingsJson.write(json, m.findings());
    json.endObject();
  }

  private static void sleeper(JsonWriter json, LiveSleeper s) {
    SleepingTask t = s.task();
    json.beginObject();
    json.name("pid").value(t.pid());
    json.name("comm").value(t.comm());
    json.name("state").value(String.valueOf(t.state()));
    json.name("wchan").value(t.wchan().orElse(null));
    json.name("stack").beginArray();
    for (String f : t.stack()) {
      json.value(f);
    }
    json.endArray();
    json.name("path").value(t.path().orElse(null));
    json.name("cwd").value(t.cwd().orElse(null));
    json.name("matched_by").value(s.matchedBy().isEmpty() ? null : s.matchedBy());
    json.name("unseen").value(t.unseen().isEmpty() ? null : t.unseen());
    json.endObject();
  }
}
