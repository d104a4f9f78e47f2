package org.autofsrestore.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assertions;

/**
 * What the kernel and /proc showed of a container's autofs mounts just before its checkpoint: the
 * autofs lines of its mountinfo read from the host (pgrp= is a host pid) and from inside (pgrp= is
 * the container's), and its automount's comm and fds ({@code fd N -> pipe:[INO]} lines). The oracle
 * the tests hold {@code inspect --json} of the checkpoint against, written without the code under
 * test.
 */
public record AutofsTruth(
    Map<String, Map<String, String>> host,
    Map<String, Map<String, String>> inside,
    String comm,
    String fds) {

  /** The fields of {@code inspect --json}'s autofs_mounts entries this truth fixes. */
  public static final List<String> FIELDS =
      List.of(
          "mode",
          "timeout",
          "minproto",
          "maxproto",
          "fd",
          "pipe_ino",
          "options_pgrp",
          "pgrp",
          "catatonic",
          "owner.comm",
          "owner.pid");

  public static AutofsTruth read(String hostMountinfo, String insideMountinfo, String automount) {
    String comm = "";
    for (String line : automount.lines().toList()) {
      if (line.startsWith("comm=")) {
        comm = line.substring("comm=".length());
      }
    }
    return new AutofsTruth(
        autofsOptions(hostMountinfo), autofsOptions(insideMountinfo), comm, automount);
  }

  /** Mount point to the values {@link #FIELDS} must have in inspect's entry for it. */
  public Map<String, Map<String, String>> expected() {
    Map<String, Map<String, String>> all = new TreeMap<>();
    for (var e : host.entrySet()) {
      Map<String, String> o = e.getValue();
      String pgrp = inside.getOrDefault(e.getKey(), Map.of()).get("pgrp");
      Map<String, String> want = new TreeMap<>();
      for (String f : List.of("mode", "timeout", "minproto", "maxproto", "fd", "pipe_ino")) {
        want.put(f, o.get(f));
      }
      want.put("options_pgrp", o.get("pgrp"));
      want.put("pgrp", pgrp);
      want.put("catatonic", "false");
      want.put("owner.comm", comm);
      want.put("owner.pid", pgrp); // automount leads its process group
      all.put(e.getKey(), want);
    }
    return all;
  }

  /** Whether automount held {@code fd} open on the pipe {@code pipeIno}. */
  public boolean holds(String fd, String pipeIno) {
    return fds.lines().anyMatch(l -> l.equals("fd " + fd + " -> pipe:[" + pipeIno + "]"));
  }

  /**
   * Fails unless each autofs mount of {@code inspected} ({@code inspect --json}) shows the truth's
   * values for {@link #FIELDS}, the same mount points, and a pipe read end automount held.
   */
  public void assertAgrees(JsonNode inspected, String what) {
    Map<String, Map<String, String>> seen = new TreeMap<>();
    for (JsonNode m : inspected.path("autofs_mounts")) {
      Map<String, String> fields = new TreeMap<>();
      for (String f : FIELDS) {
        JsonNode v = m;
        for (String part : f.split("\\.")) {
          v = v.path(part);
        }
        fields.put(f, v.asText());
      }
      seen.put(m.path("mountpoint").asText(), fields);
      String readEnd = m.path("owner").path("read_end_fd").asText();
      Assertions.assertTrue(
          holds(readEnd, m.path("pipe_ino").asText()),
          what + " " + m.path("mountpoint") + ": automount held fd " + readEnd + " on the pipe");
    }
    Assertions.assertEquals(expected(), seen, what);
  }

  /** Mount point to its autofs options, with "mode" for direct, indirect or offset. */
  static Map<String, Map<String, String>> autofsOptions(String mountinfo) {
    Map<String, Map<String, String>> byPoint = new TreeMap<>();
    for (String line : mountinfo.lines().toList()) {
      String[] halves = line.split(" - ", 2);
      if (halves.length < 2 || !halves[1].startsWith("autofs ")) {
        continue;
      }
      String point = halves[0].split(" ")[4];
      String[] tail = halves[1].split(" ");
      Map<String, String> options = new TreeMap<>();
      for (String opt : tail[tail.length - 1].split(",")) {
        int eq = opt.indexOf('=');
        if (eq > 0) {
          options.put(opt.substring(0, eq), opt.substring(eq + 1));
        } else if (List.of("direct", "indirect", "offset").contains(opt)) {
          options.put("mode", opt);
        }
      }
      byPoint.put(point, options);
    }
    return byPoint;
  }
}
