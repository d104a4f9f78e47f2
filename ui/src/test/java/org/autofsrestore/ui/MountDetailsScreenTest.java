package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.ui.model.DumpValue;
import org.autofsrestore.ui.model.MountDetails;
import org.junit.jupiter.api.Test;

class MountDetailsScreenTest {

  @Test
  void enterShowsTheRawAndDecodedOptionsAndTheOwner() throws Exception {
    try (Harness h = new Harness(100, 60)) {
      h.press(KeyType.Enter);
      String s = h.screen();
      assertTrue(
          s.contains("fd=5,pgrp=12632,timeout=300,minproto=5,maxproto=5,indirect,pipe_ino=28133"),
          s);
      assertTrue(s.contains("Decoded options"), s);
      assertTrue(
          h.row(h.rowOf("  timeout "))
              .matches(" +timeout +300 +shown by mountinfo, not a mount option.*"));
      assertTrue(
          h.row(h.rowOf("  pipe_ino  28133  shown")).contains("not a mount option: dropped"));
      assertTrue(s.contains("pid 32  ppid 1  pgid 32  sid 32  comm automountd"), s);
      assertTrue(s.contains("read end fd 3  write end fd 5  pipe_fd 5  pipe inode 28133"), s);
    }
  }

  @Test
  void theTwoDumpSourcesAreSideBySideAndAPgrpSeenFromAnotherPidNamespaceIsNoDifference()
      throws Exception {
    try (Harness h = new Harness(100, 60)) {
      h.press(KeyType.Enter);
      assertTrue(h.screen().contains("FIELD     MOUNT OPTIONS  autofs-44.img"), h.screen());
      String pgrp = h.row(h.rowOf("  pgrp      12632          32"));
      assertTrue(!pgrp.contains("differs"), pgrp);
      String fd = h.row(h.rowOf("  fd        5              5"));
      assertTrue(!fd.contains("differs"), fd);
    }
  }

  @Test
  void aValueTheTwoSourcesDisagreeOnIsMarked() throws Exception {
    SampleDump dump = SampleDump.multi();
    MountDetails real = dump.details.get("/srv/auto-f1");
    List<DumpValue> values = new ArrayList<>(real.dumpValues());
    values.set(2, new DumpValue("timeout", "300", "60", true));
    dump.details.put(
        real.id(),
        new MountDetails(
            real.id(),
            real.mountpoint(),
            real.source(),
            real.mode(),
            real.imageName(),
            real.rawOptions(),
            real.options(),
            values,
            real.owner(),
            real.pipe(),
            real.ownerNote(),
            real.findings()));
    try (Harness h = new Harness(100, 60, dump, UiOptions.defaults())) {
      h.press(KeyType.Enter);
      String timeout = h.row(h.rowOf("  timeout   300            60"));
      assertTrue(timeout.contains("≠ differs"), timeout);
    }
  }

  @Test
  void aClosedWriteEndReadsClosed() throws Exception {
    try (Harness h = new Harness(100, 60)) {
      h.type("j").press(KeyType.Enter);
      assertTrue(h.screen().contains("read end fd 6  write end closed  pipe_fd 6"), h.screen());
    }
  }

  @Test
  void aCatatonicMountSaysThereIsNoOwnerToResolve() throws Exception {
    try (Harness h = new Harness(100, 60)) {
      h.press(KeyType.End).press(KeyType.Enter);
      String s = h.screen();
      assertTrue(s.contains("catatonic in the dump: no owner to resolve"), s);
      assertTrue(!s.contains("owner missing"), s);
    }
  }

  @Test
  void findingsAreListedWithTheirMessageAndAction() throws Exception {
    try (Harness h = new Harness(100, 60)) {
      h.type("j").press(KeyType.Enter);
      String s = h.screen();
      assertTrue(s.contains("Findings (2)"), s);
      assertTrue(s.contains("WARNING stale-device-in-owner"), s);
      assertTrue(s.contains("→ Hand the mount to a freshly started automount"), s);
      assertTrue(s.contains("INFO    write-end-closed"), s);
    }
  }

  @Test
  void longDetailsScrollAt80x24() throws Exception {
    try (Harness h = new Harness(80, 24)) {
      h.press(KeyType.Enter);
      assertTrue(!h.screen().contains("Findings (1)"));
      h.press(KeyType.End);
      assertTrue(h.screen().contains("Findings (1)"), h.screen());
      h.press(KeyType.Home);
      assertTrue(h.screen().contains("Options (raw)"));
    }
  }
}
