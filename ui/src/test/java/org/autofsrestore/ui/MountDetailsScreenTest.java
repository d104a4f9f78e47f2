package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
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
      assertTrue(h.row(h.rowOf("  timeout ")).matches(" +timeout +300 +not a mount option.*"));
      assertTrue(h.row(h.rowOf("  pipe_ino  28133  not")).contains("dropped on restore"));
      assertTrue(s.contains("pid 32  ppid 1  pgid 32  sid 32  comm automountd"), s);
      assertTrue(s.contains("read end fd 3  write end fd 5  pipe_fd 5  pipe inode 28133"), s);
    }
  }

  @Test
  void theTwoDumpSourcesAreSideBySideAndDifferencesAreMarked() throws Exception {
    try (Harness h = new Harness(100, 60)) {
      h.press(KeyType.Enter);
      assertTrue(h.screen().contains("FIELD     MOUNT OPTIONS  autofs-44.img"), h.screen());
      String pgrp = h.row(h.rowOf("  pgrp      12632          32"));
      assertTrue(pgrp.contains("≠ differs"), pgrp);
      String fd = h.row(h.rowOf("  fd        5              5"));
      assertTrue(!fd.contains("differs"), fd);
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
      assertTrue(s.contains("catatonic: no owner to resolve"), s);
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
