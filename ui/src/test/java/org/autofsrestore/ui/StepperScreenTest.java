package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import org.autofsrestore.ui.screen.ScreenApp;
import org.junit.jupiter.api.Test;

class StepperScreenTest {

  @Test
  void theStepperShowsTheExactCallTextOfEveryStepOfThePlan() throws Exception {
    try (Harness h = new Harness(200, 60)) {
      h.type("r");
      assertEquals(ScreenApp.Page.STEPPER, h.ui.page());
      String s = h.screen();
      for (String call : h.controller.calls("/srv/auto-f1")) {
        assertTrue(s.contains(call), call + " missing from\n" + s);
      }
      assertTrue(
          s.contains(
              "move_mount(<mount.fd>, \"\", <target.fd>, \"\","
                  + " MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH)"),
          s);
      assertTrue(s.contains("Stage 1/3  mount"));
      assertTrue(s.contains("Stage 2/3  timeout"));
      assertTrue(s.contains("Stage 3/3  owner"));
    }
  }

  @Test
  void longCallsWrapAt80ColumnsWithoutLosingCharacters() throws Exception {
    try (Harness h = new Harness(80, 24)) {
      h.type("r");
      // The wrap breaks at a space or after a comma: every other character is there, in order.
      String joined = String.join("", h.rows()).replace(" ", "");
      assertTrue(
          joined.contains(
              "openat2(<root.fd>,\".\",{.flags=O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC|O_PATH,.resolve=RESOLVE_IN_ROOT|RESOLVE_NO_SYMLINKS|RESOLVE_NO_MAGICLINKS},24)"),
          h.screen());
    }
  }

  @Test
  void nInADryRunMarksTheNextStepPreviewedAndChangesNothingElse() throws Exception {
    try (Harness h = new Harness(120, 40)) {
      h.type("r");
      String first = "open(\"/tmp/r\", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH)";
      assertTrue(h.row(h.rowOf(first)).contains("PENDING"));
      h.type("n");
      assertEquals(List.of("nextStep /srv/auto-f1"), h.controller.actions);
      assertTrue(h.row(h.rowOf(first)).contains("PREVIEWED"), h.screen());
      assertTrue(h.row(h.rowOf("pipe2(")).contains("PENDING"), h.screen());
      assertTrue(h.row(h.rowOf("move_mount(")).contains("PENDING"));
      assertTrue(h.screen().contains("DRY RUN: steps are previewed"), h.screen());
      assertTrue(h.row(38).startsWith("previewed " + first), h.row(38));
    }
  }

  @Test
  void sPreviewsTheStageAndAPreviewsAllStages() throws Exception {
    try (Harness h = new Harness(200, 60)) {
      h.type("r").type("s");
      assertTrue(h.row(h.rowOf("statx(<mount.fd>")).contains("PREVIEWED"));
      assertTrue(h.row(h.rowOf("AUTOFS_IOC_SETTIMEOUT")).contains("PENDING"));
      h.type("a");
      assertTrue(h.row(h.rowOf("SETPIPEFD")).contains("PREVIEWED"));
      assertTrue(h.screen().contains("All steps previewed (dry run): nothing was changed."));
      h.press(KeyType.Escape);
      assertTrue(
          h.row(h.rowOf("/srv/auto-f1")).contains("previewed"), h.row(h.rowOf("/srv/auto-f1")));
    }
  }

  @Test
  void uUndoesAndTabSwitchesBetweenDetailsAndStepper() throws Exception {
    try (Harness h = new Harness(200, 60)) {
      h.type("r").type("a").type("u");
      assertTrue(h.row(h.rowOf("SETPIPEFD")).contains("PENDING"));
      h.press(KeyType.Tab);
      assertEquals(ScreenApp.Page.DETAILS, h.ui.page());
      h.press(KeyType.Tab);
      assertEquals(ScreenApp.Page.STEPPER, h.ui.page());
    }
  }

  @Test
  void aLiveStepShowsTheKernelsAnswerAndTheMountinfoLine() throws Exception {
    try (Harness h = new Harness(200, 60)) {
      h.controller.live = true;
      h.type("r").type("n").type("y").type("s");
      String s = h.screen();
      int mount = h.rowOf("move_mount(");
      assertTrue(h.row(mount).contains("OK"), s);
      assertTrue(h.row(mount + 1).contains("= 0"), s);
      assertTrue(
          h.row(mount + 2)
              .contains(
                  "mountinfo: 312 29 0:57 / /tmp/r/srv/auto-f1 rw,relatime shared:160 - autofs"
                      + " /etc/auto.f1 rw,fd=8,pgrp=4242,timeout=0"),
          s);
      h.type("a");
      assertTrue(h.screen().contains("= 9 (ioctl fd)"), h.screen());
      assertTrue(h.screen().contains("All steps done."), h.screen());
    }
  }

  @Test
  void aFailedStepShowsTheErrnoAndItsMeaning() throws Exception {
    try (Harness h = new Harness(200, 60)) {
      h.controller.live = true;
      h.controller.failOn = "ioctl(/dev/autofs, AUTOFS_DEV_IOCTL_SETPIPEFD";
      h.type("r").type("a").type("y");
      String s = h.screen();
      assertTrue(h.row(h.rowOf("SETPIPEFD")).contains("FAILED"), s);
      assertTrue(s.contains("= EBUSY: the mount is not catatonic"), s);
      assertTrue(
          h.row(58).startsWith("FAILED ioctl(/dev/autofs, AUTOFS_DEV_IOCTL_SETPIPEFD"), h.row(58));
    }
  }

  @Test
  void aCatatonicMountShowsWhyItIsRestoredParked() throws Exception {
    try (Harness h = new Harness(120, 40)) {
      h.press(KeyType.End).type("r");
      assertTrue(h.screen().contains("catatonic in the dump: restored parked"), h.screen());
      assertTrue(!h.screen().contains("SETPIPEFD"));
    }
  }
}
