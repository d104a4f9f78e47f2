package org.autofsrestore.app.tui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.restore.HostSystem;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.Planner;
import org.autofsrestore.kernel.PosixCall;
import org.autofsrestore.kernel.linux.LinuxKernel;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;
import org.autofsrestore.testkit.Fixtures;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, live: the real screens on a virtual terminal, the real native layer, in this test
 * JVM's private mount namespace. An operator goes live, steps a mount through all three stages, and
 * sees the kernel's answers and the final mountinfo line on screen.
 */
@Tag("kernel")
class TuiLiveStepOnTheRealKernelTest {
  @TempDir Path root;

  @Test
  void goingLiveAndSteppingAMountThroughAllThreeStagesShowsTheKernelsAnswers() throws Exception {
    Prerequisites.requireRealKernel();
    TuiLauncher.Session session =
        TuiLauncher.session(
            AutofsAnalysis.inspect(DumpLoader.load(Fixtures.dir("indirect"))),
            new Planner.Options(root, List.of(), OwnerMode.HANDOFF, true, 0, false),
            new TuiLauncher.Flags(false, true, true, false, false),
            HostSystem::new,
            org.autofsrestore.app.cli.LogSetup.logFile());
    try (VirtualScreen screen = new VirtualScreen(session, 160, 60)) {
      screen.type("L").type("y");
      assertTrue(screen.rows().get(0).contains("LIVE"), screen.screen());
      screen.type("r").type("s"); // stage 1, mount
      String afterMount = screen.screen();
      assertTrue(
          afterMount.contains("fsconfig(<fs.fd>, FSCONFIG_SET_STRING, \"source\", \"/etc/auto.a\"")
              || afterMount.contains("FSCONFIG_SET_STRING, \"source\", \"/etc/auto.a\", 0)"),
          afterMount);
      assertTrue(afterMount.contains("move_mount("), afterMount);
      assertTrue(afterMount.contains(", mount id "), "statx's answer:\n" + afterMount);
      assertTrue(afterMount.contains("- autofs /etc/auto.a"), "a mountinfo line:\n" + afterMount);
      screen.type("s"); // stage 2, timeout: parks
      screen.type("s"); // stage 3, owner: handoff without waiting
      String text = screen.screen();
      assertTrue(text.contains("the old timeout was 0 s"), "SETTIMEOUT's answer:\n" + text);
      assertTrue(text.contains("fd=-1"), "the final mountinfo line shows it parked:\n" + text);
      assertTrue(text.contains("timeout=300"), text);
      MountInfo m = MountTable.readSelf().at(root + "/srv/auto-a").orElseThrow();
      assertTrue(m.autofsOptions().orElseThrow().catatonic(), m.superOptions());
    } finally {
      session.controller().close();
      try (LinuxKernel kernel = new LinuxKernel()) {
        for (MountInfo m : MountTable.readSelf().under(root.toString())) {
          kernel.run(new PosixCall.Umount(m.mountPoint(), PosixCall.Umount.MNT_DETACH));
        }
      }
    }
  }
}
