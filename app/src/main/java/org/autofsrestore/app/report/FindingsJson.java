package org.autofsrestore.app.report;

import java.util.List;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.json.JsonWriter;

/** Findings as every JSON report prints them. */
public final class FindingsJson {
  private FindingsJson() {}

  public static void write(JsonWriter json, List<Finding> findings) {
    json.beginArray();
    for (Finding f : findings) {
      json.beginObject();
      json.name("code").value(f.code().code());
      json.name("severity").value(f.severity().label());
      json.name("mountpoint").value(f.mountpoint());
      json.name("message").value(f.message());
      json.name("action").value(f.action());
      json.endObject();
    }
    json.endArray();
  }
}
