package org.autofsrestore.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.autofsrestore.ui.model.DecodedOption;
import org.autofsrestore.ui.model.DumpModel;
import org.autofsrestore.ui.model.DumpValue;
import org.autofsrestore.ui.model.Finding;
import org.autofsrestore.ui.model.MountDetails;
import org.autofsrestore.ui.model.MountMode;
import org.autofsrestore.ui.model.MountRow;
import org.autofsrestore.ui.model.OwnerMode;
import org.autofsrestore.ui.model.OwnerProcess;
import org.autofsrestore.ui.model.PipeEnds;
import org.autofsrestore.ui.model.SessionInfo;

/**
 * A view model with the data of the {@code multi} fixture (five autofs mounts of every mode, one
 * catatonic), as the application builds it from a real dump; or a synthetic dump of any size.
 */
final class SampleDump implements DumpModel {
  final SessionInfo session;
  final List<MountRow> rows = new ArrayList<>();
  final Map<String, MountDetails> details = new LinkedHashMap<>();
  final List<Finding> findings = new ArrayList<>();
  final List<String> log = new ArrayList<>();

  private SampleDump(SessionInfo session) {
    this.session = session;
  }

  /** The five mounts of the multi fixture (scripts/testkit/fixtures/multi), at a typical path. */
  static SampleDump multi() {
    return multi(OwnerMode.HOLD, false);
  }

  static SampleDump multi(OwnerMode owner, boolean sandbox) {
    SampleDump d =
        new SampleDump(
            new SessionInfo(
                "/var/lib/criu/multi",
                "/tmp/r",
                owner,
                sandbox,
                "/root/.cache/autofs-restore/autofs-restore.log"));
    Finding below =
        new Finding(
            "mount-below-indirect",
            org.autofsrestore.ui.model.Severity.INFO,
            "/srv/auto-f1",
            "A mount in the dump lies below this indirect mount (/srv/auto-f1/sub).",
            "The restore creates its directory inside the autofs mount before mounting it.");
    Finding stale2 = stale("/srv/direct-f2");
    Finding closed =
        new Finding(
            "write-end-closed",
            org.autofsrestore.ui.model.Severity.INFO,
            "/srv/direct-f2",
            "The owner closed the pipe's write end; autofs-45.img carries read_fd 6.",
            "Nothing to do: the restore reaches the pipe through the read end.");
    Finding stale5 = stale("/srv/data/offset-f5");
    Finding cata =
        new Finding(
            "catatonic",
            org.autofsrestore.ui.model.Severity.INFO,
            "/srv/cata-f4",
            "The mount was catatonic when dumped (fd=-1): no process served it.",
            "It is restored parked; start automount to serve it again.");
    d.add(
        "49",
        "/srv/auto-f1",
        "/etc/auto.f1",
        MountMode.INDIRECT,
        300,
        5,
        12632,
        32,
        "automountd",
        false,
        "autofs-44.img",
        "fd=5,pgrp=12632,timeout=300,minproto=5,maxproto=5,indirect,pipe_ino=28133",
        OptionalInt.of(3),
        OptionalInt.of(5),
        OptionalInt.of(5),
        28133,
        null,
        null,
        List.of(below));
    d.add(
        "50",
        "/srv/direct-f2",
        "/etc/auto.direct",
        MountMode.DIRECT,
        600,
        7,
        12632,
        32,
        "automountd",
        false,
        "autofs-45.img",
        "fd=7,pgrp=12632,timeout=600,minproto=5,maxproto=5,direct,pipe_ino=28135",
        OptionalInt.of(6),
        OptionalInt.empty(),
        OptionalInt.of(6),
        28135,
        null,
        null,
        List.of(stale2, closed));
    d.add(
        "51",
        "/srv/data/offset-f5",
        "/etc/auto.f1",
        MountMode.OFFSET,
        300,
        8,
        12632,
        32,
        "automountd",
        false,
        "autofs-46.img",
        "fd=8,pgrp=12632,timeout=300,minproto=5,maxproto=5,offset,pipe_ino=28137",
        OptionalInt.of(7),
        OptionalInt.of(8),
        OptionalInt.of(8),
        28137,
        null,
        null,
        List.of(stale5));
    d.add(
        "52",
        "/srv/auto-f3",
        "/etc/auto.f3",
        MountMode.INDIRECT,
        60,
        5,
        12634,
        34,
        "automountd",
        false,
        "autofs-47.img",
        "fd=5,uid=1000,gid=1000,pgrp=12634,timeout=60,minproto=5,maxproto=5,indirect,pipe_ino=29551",
        OptionalInt.of(3),
        OptionalInt.of(5),
        OptionalInt.of(5),
        29551,
        1000,
        1000,
        List.of());
    d.add(
        "53",
        "/srv/cata-f4",
        "/etc/auto.f4",
        MountMode.DIRECT,
        120,
        -1,
        13516,
        13516,
        "",
        true,
        "autofs-48.img",
        "fd=-1,pgrp=13516,timeout=120,minproto=5,maxproto=5,direct,pipe_ino=-1",
        null,
        null,
        null,
        -1,
        null,
        null,
        List.of(cata));
    d.findings.sort(Comparator.comparing(Finding::severity));
    for (int i = 1; i <= 40; i++) {
      d.log.add(
          "2025-11-24 09:00:"
              + String.format("%02d", i)
              + " INFO  dump: loaded mountpoints-10.img record "
              + i);
    }
    d.log.add("2025-11-24 09:01:00 WARN  analysis: 2 mounts will keep a stale device number");
    return d;
  }

  /** {@code n} synthetic mounts, as a big host's dump. */
  static SampleDump large(int n) {
    SampleDump d =
        new SampleDump(
            new SessionInfo("/var/tmp/dump-10k", "/tmp/r", OwnerMode.HANDOFF, false, "/tmp/log"));
    MountMode[] modes = {MountMode.INDIRECT, MountMode.DIRECT, MountMode.OFFSET};
    for (int i = 0; i < n; i++) {
      String mp = String.format("/srv/host%05d/auto", i);
      Optional<Finding> worst =
          i % 7 == 0
              ? Optional.of(
                  new Finding(
                      i % 14 == 0 ? "owner-not-in-dump" : "no-pipe-ino",
                      i % 14 == 0
                          ? org.autofsrestore.ui.model.Severity.ERROR
                          : org.autofsrestore.ui.model.Severity.WARNING,
                      mp,
                      "m",
                      "a"))
              : Optional.empty();
      worst.ifPresent(d.findings::add);
      d.rows.add(
          new MountRow(
              Integer.toString(100 + i),
              mp,
              modes[i % 3],
              300 + i % 5,
              5 + i % 3,
              1000 + i / 3,
              "automount",
              i % 11 == 0,
              worst));
    }
    return d;
  }

  private static Finding stale(String mountpoint) {
    return new Finding(
        "stale-device-in-owner",
        org.autofsrestore.ui.model.Severity.WARNING,
        mountpoint,
        "automount caches this mount's device number; after a restore the number changes and its"
            + " direct mounts hang.",
        "Hand the mount to a freshly started automount (--owner handoff) instead of restoring the"
            + " old one.");
  }

  private void add(
      String id,
      String mountpoint,
      String source,
      MountMode mode,
      long timeout,
      int fd,
      int optionsPgrp,
      int pgrp,
      String comm,
      boolean catatonic,
      String image,
      String raw,
      OptionalInt readFd,
      OptionalInt writeFd,
      OptionalInt pipeFd,
      long pipeIno,
      Integer uid,
      Integer gid,
      List<Finding> mountFindings) {
    findings.addAll(mountFindings);
    Optional<Finding> worst = mountFindings.stream().min(Comparator.comparing(Finding::severity));
    rows.add(new MountRow(id, mountpoint, mode, timeout, fd, optionsPgrp, comm, catatonic, worst));
    List<DecodedOption> options = new ArrayList<>();
    for (String part : raw.split(",")) {
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      String note =
          switch (name) {
            case "pgrp" -> "as seen outside the dump's pid namespace";
            case "timeout" -> "not a mount option: set by SETTIMEOUT on restore";
            case "pipe_ino" -> "not a mount option: dropped on restore";
            case "fd" -> catatonic ? "catatonic" : "the owner's write end";
            default -> "";
          };
      options.add(new DecodedOption(name, value, note));
    }
    String modeName = mode.name().toLowerCase(java.util.Locale.ROOT);
    List<DumpValue> values =
        List.of(
            new DumpValue("fd", Integer.toString(fd), Integer.toString(fd), false),
            new DumpValue(
                "pgrp", Integer.toString(optionsPgrp), Integer.toString(pgrp), optionsPgrp != pgrp),
            new DumpValue("timeout", Long.toString(timeout), Long.toString(timeout), false),
            new DumpValue("minproto", "5", "5", false),
            new DumpValue("maxproto", "5", "5", false),
            new DumpValue("mode", modeName, modeName, false),
            new DumpValue(
                "uid", uid == null ? "" : uid.toString(), uid == null ? "" : uid.toString(), false),
            new DumpValue(
                "gid", gid == null ? "" : gid.toString(), gid == null ? "" : gid.toString(), false),
            new DumpValue("pipe_ino", Long.toString(pipeIno), "", false),
            new DumpValue(
                "read_fd",
                "",
                readFd != null && writeFd != null && writeFd.isEmpty()
                    ? Integer.toString(readFd.getAsInt())
                    : "",
                false));
    Optional<OwnerProcess> owner =
        catatonic ? Optional.empty() : Optional.of(new OwnerProcess(pgrp, 1, pgrp, pgrp, comm));
    Optional<PipeEnds> pipe =
        catatonic ? Optional.empty() : Optional.of(new PipeEnds(readFd, writeFd, pipeFd, pipeIno));
    details.put(
        id,
        new MountDetails(
            id,
            mountpoint,
            source,
            mode,
            image,
            raw,
            options,
            values,
            owner,
            pipe,
            catatonic ? "catatonic: no owner to resolve (fd=-1, pipe_ino=-1)" : "",
            mountFindings));
  }

  @Override
  public SessionInfo session() {
    return session;
  }

  @Override
  public List<MountRow> mounts() {
    return rows;
  }

  @Override
  public MountDetails details(String mountId) {
    MountDetails d = details.get(mountId);
    if (d != null) {
      return d;
    }
    MountRow r = rows.stream().filter(x -> x.id().equals(mountId)).findFirst().orElseThrow();
    return new MountDetails(
        r.id(),
        r.mountpoint(),
        "/etc/auto.x",
        r.mode(),
        "autofs-" + r.id() + ".img",
        "fd=5,pgrp=1,timeout=300,minproto=5,maxproto=5,indirect",
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        "",
        List.of());
  }

  @Override
  public List<Finding> findings() {
    return findings;
  }

  @Override
  public List<String> logTail(int maxLines) {
    return log.subList(Math.max(0, log.size() - maxLines), log.size());
  }
}
