package org.autofsrestore.app.report;

import java.util.Optional;
import org.autofsrestore.app.autofs.AutofsMount;
import org.autofsrestore.app.autofs.CriuLogEntry;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.autofs.Owner;
import org.autofsrestore.app.dump.MountEntry;
import org.autofsrestore.app.dump.archive.Container;
import org.autofsrestore.app.json.JsonWriter;
import org.autofsrestore.kernel.probe.AutofsOptionString;

/** {@code inspect --json}: one document, snake_case, absent values as null. */
public final class InspectionJson {
  /** Each option kind as printed: its name in lower case. */
  private static final String[] KINDS = kindNames();

  private InspectionJson() {}

  private static String[] kindNames() {
    AutofsOptionString.Kind[] kinds = AutofsOptionString.Kind.values();
    String[] names = new String[kinds.length];
    for (AutofsOptionString.Kind k : kinds) {
      names[k.ordinal()] = k.name().toLowerCase(java.util.Locale.ROOT);
    }
    return names;
  }

  /** The document of a dump directory: {@code "container": null}. */
  public static void write(Inspection inspection, Appendable out) {
    write(inspection, Optional.empty(), out);
  }

  /**
   * The document; {@code container} is what a checkpoint archive's metadata says, written as {@code
   * "container"}: an object, or null (a directory, an archive without metadata), so the shape is
   * the same either way.
   */
  public static void write(Inspection inspection, Optional<Container> container, Appendable out) {
    JsonWriter json = new JsonWriter(out);
    json.beginObject();
    json.name("image_dir").value(inspection.imageDir().toString());
    json.name("container");
    if (container.isEmpty()) {
      json.nullValue();
    } else {
      Container c = container.get();
      json.beginObject();
      json.name("engine").value(c.engine());
      json.name("name").value(c.name());
      json.name("id").value(c.id());
      json.name("checkpointed").value(c.checkpointed());
      json.name("pod").value(c.pod());
      json.name("namespace").value(c.namespace());
      json.endObject();
    }
    json.name("dump_failed").value(has(inspection, FindingCode.DUMP_FAILED));
    json.name("images_readable")
        .value(
            !has(inspection, FindingCode.DUMP_FAILED) && !has(inspection, FindingCode.NO_IMAGES));
    json.name("autofs_mounts").beginArray();
    for (AutofsMount m : inspection.mounts()) {
      mount(json, m);
    }
    json.endArray();
    json.name("findings");
    FindingsJson.write(json, inspection.allFindings());
    json.name("criu_log").beginArray();
    for (CriuLogEntry e : inspection.criuLog()) {
      json.beginObject();
      json.name("file").value(e.file());
      json.name("line").value(e.line());
      json.name("text").value(e.text());
      json.name("pattern").value(e.pattern());
      json.name("mount");
      if (e.mntId() == null) {
        json.nullValue();
      } else {
        json.beginObject();
        json.name("mnt_id").value(e.mntId());
        json.name("mountpoint").value(e.mountpoint());
        json.endObject();
      }
      json.endObject();
    }
    json.endArray();
    json.endObject();
    json.finish();
  }

  private static boolean has(Inspection inspection, FindingCode code) {
    for (Finding f : inspection.dumpFindings()) {
      if (f.code() == code) {
        return true;
      }
    }
    return false;
  }

  private static void mount(JsonWriter json, AutofsMount m) {
    json.beginObject();
    json.name("mnt_id").value(m.mount().mntId());
    json.name("parent_mnt_id").value(m.mount().parentMntId());
    json.name("mnt_ns_id").value(m.mount().mntNsId());
    json.name("mountpoint").value(m.mountpoint());
    json.name("source").value(m.mount().source());
    json.name("root_dev").value(m.mount().rootDev().toString());
    json.name("s_dev").value(m.mount().superblockDevice());
    json.name("image").value(m.image().file().getFileName().toString());
    json.name("mode").value(m.mode().isPresent() ? m.mode().get().option() : null);
    json.name("timeout").value(m.timeout());
    json.name("minproto").value(m.minproto());
    json.name("maxproto").value(m.maxproto());
    json.name("uid").value(m.uid());
    json.name("gid").value(m.gid());
    json.name("fd").value(m.fd());
    json.name("pgrp").value(m.pgrp());
    json.name("options_pgrp").value(m.optionsPgrp());
    json.name("pipe_ino").value(m.pipeIno());
    json.name("read_fd").value(m.readFd());
    json.name("catatonic").value(m.catatonic());
    json.name("options").beginObject();
    json.name("raw").value(m.options().raw());
    json.name("parsed").beginArray();
    for (AutofsOptionString.Word w : m.options().words()) {
      json.beginObject();
      json.name("name").value(w.name());
      json.name("value").value(w.value());
      json.name("kind").value(KINDS[w.kind().ordinal()]);
      json.endObject();
    }
    json.endArray();
    json.endObject();
    json.name("owner");
    if (m.owner().isEmpty()) {
      json.nullValue();
    } else {
      Owner o = m.owner().get();
      json.beginObject();
      json.name("pid").value(o.pid());
      json.name("ppid").value(o.ppid());
      json.name("pgid").value(o.pgid());
      json.name("sid").value(o.sid());
      json.name("comm").value(o.comm());
      json.name("pipe_fd").value(o.pipeFd());
      json.name("read_end_fd").value(o.readEndFd());
      json.name("write_end_fd").value(o.writeEndFd());
      json.name("write_end_open").value(o.writeEndOpen());
      json.name("resolved_by").value(o.resolvedBy());
      json.endObject();
    }
    json.name("mounts_below").beginArray();
    for (MountEntry below : m.mountsBelow()) {
      json.value(below.mountpoint());
    }
    json.endArray();
    json.name("findings");
    FindingsJson.write(json, m.findings());
    json.endObject();
  }
}
