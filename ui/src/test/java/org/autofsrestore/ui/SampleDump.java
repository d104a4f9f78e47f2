package org.autofsrestore.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autofsrestore.ui.model.DumpModel;
import org.autofsrestore.ui.model.Finding;
import org.autofsrestore.ui.model.LiveHost;
import org.autofsrestore.ui.model.LiveSnapshot;
import org.autofsrestore.ui.model.MountDetails;
import org.autofsrestore.ui.model.MountMode;
import org.autofsrestore.ui.model.MountRow;
import org.autofsrestore.ui.model.OwnerMode;
import org.autofsrestore.ui.model.SessionInfo;
import org.autofsrestore.ui.model.StepperSnapshot;

/**
 * A view model with the data of the {@code multi} fixture (five autofs mounts of every mode, one
 * catatonic) exactly as the application builds it, read from {@code multi.json}, which app's
 * UiSampleIsTheRealModelTest makes from the real model and planner (the ui cannot depend on app);
 * or a synthetic dump of any size.
 */
final class SampleDump implements DumpModel {
  final SessionInfo session;
  final List<MountRow> rows = new ArrayList<>();
  final Map<String, MountDetails> details = new LinkedHashMap<>();
  final List<Finding> findings = new ArrayList<>();
  final List<String> log = new ArrayList<>();

  /** The real planner's dry-run plan of each mount of multi, for the owner mode of the session. */
  final Map<String, StepperSnapshot> plans = new LinkedHashMap<>();

  /** multi.json: the same names as app's UiSampleIsTheRealModelTest writes. */
  record UiSample(
      List<MountRow> mounts,
      List<MountDetails> details,
      List<Finding> findings,
      Map<String, List<StepperSnapshot>> steppers,
      LiveSnapshot live) {}

  /**
   * The live host of the sample: the multi fixture restored under /tmp/r, as the real model reads
   * app's crafted /proc of it (MultiLiveHost); null while the sample has no live host.
   */
  LiveSnapshot live;

  /** How many times the UI read the live host. */
  int liveReads;

  private SampleDump(SessionInfo session) {
    this.session = session;
  }

  /** The five mounts of the multi fixture (scripts/testkit/fixtures/multi), at a typical path. */
  static SampleDump multi() {
    return multi(OwnerMode.HOLD, false);
  }

  static SampleDump multi(OwnerMode owner, boolean sandbox) {
    UiSample sample = sample();
    SampleDump d =
        new SampleDump(
            new SessionInfo(
                "/var/lib/criu/multi",
                "/tmp/r",
                owner,
                sandbox,
                "/root/.cache/autofs-restore/autofs-restore.log"));
    d.rows.addAll(sample.mounts());
    for (MountDetails m : sample.details()) {
      d.details.put(m.id(), m);
    }
    d.findings.addAll(sample.findings());
    for (StepperSnapshot plan : sample.steppers().get(owner.name())) {
      d.plans.put(plan.mountId(), plan);
    }
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

  private static UiSample sample() {
    try (InputStream in = SampleDump.class.getResourceAsStream("multi.json")) {
      return new ObjectMapper().registerModule(new Jdk8Module()).readValue(in, UiSample.class);
    } catch (IOException e) {
      throw new UncheckedIOException("ui test resource multi.json", e);
    }
  }

  /** {@link #multi()} with the sample's live host beside it. */
  static SampleDump multiLive() {
    SampleDump d = multi(OwnerMode.HANDOFF, false);
    d.live = sample().live();
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
  public Optional<LiveHost> liveHost() {
    if (live == null) {
      return Optional.empty();
    }
    return Optional.of(
        () -> {
          liveReads++;
          return live;
        });
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
