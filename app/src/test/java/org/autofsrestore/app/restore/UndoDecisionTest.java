package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What undo touches is decided from the journal and the mount table alone: only a target under the
 * recorded root, and only a mount with the device the run read or, where the journal lost it, one
 * of the run's process groups.
 */
class UndoDecisionTest {
  @TempDir Path dir;

  private static final Step MOUNT = Step.of(Step.Call.MOUNT, new Arg.Known("/srv/a"));

  private static MountInfo autofs(String target, int minor, long pgrp) {
    return MountTable.parseLine(
        "60 1 0:"
            + minor
            + " / "
            + target
            + " rw,relatime shared:7 - autofs /etc/auto.x rw,fd=5,pgrp="
            + pgrp
            + ",timeout=300,minproto=5,maxproto=5,indirect");
  }

  private JournalReplay journal(boolean recordDevice) throws Exception {
    Path file = dir.resolve("run.jsonl");
    try (Journal j = Journal.create(file, Map.of("root", "/r", "pgrp", 700L))) {
      j.intend(Map.of("/srv/a", "/r/srv/a"));
      long n = j.begin("/srv/a", "/r/srv/a", MOUNT, "mount(...)");
      j.end(n, MOUNT, recordDevice ? Map.of("devid", autofs("/x", 50, 1).dev()) : Map.of());
    }
    return JournalReplay.read(file);
  }

  private static Undo.Action only(JournalReplay replay, MountInfo there) {
    List<Undo.Action> actions =
        Undo.decide(
            replay, t -> t.equals(there.mountPoint()) ? Optional.of(there) : Optional.empty());
    assertEquals(1, actions.size(), actions.toString());
    return actions.get(0);
  }

  @Test
  void aMountWithTheRecordedDeviceIsUnmounted() throws Exception {
    assertInstanceOf(Undo.Action.Unmount.class, only(journal(true), autofs("/r/srv/a", 50, 999)));
  }

  @Test
  void aMountWithAnotherDeviceIsLeftAloneAndSaysBothDevices() throws Exception {
    Undo.Action a = only(journal(true), autofs("/r/srv/a", 51, 700));
    assertEquals(
        "/r/srv/a: left alone: its device is 0:51, the run's mount there was 0:50 (someone else"
            + " mounted there since)",
        a.describe());
  }

  @Test
  void withoutARecordedDeviceOnlyAMountOfTheRunsProcessGroupIsUnmounted() throws Exception {
    JournalReplay replay = journal(false);
    assertInstanceOf(Undo.Action.Unmount.class, only(replay, autofs("/r/srv/a", 51, 700)));
    assertEquals(
        "/r/srv/a: left alone: the journal has no device for it and its process group (701) is"
            + " not the run's [700]",
        only(replay, autofs("/r/srv/a", 51, 701)).describe());
  }
}
