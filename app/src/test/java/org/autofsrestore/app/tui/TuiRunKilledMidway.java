package org.autofsrestore.app.tui;

import com.googlecode.lanterna.input.KeyType;
import java.nio.file.Path;
import java.util.List;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.restore.HostSystem;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.Planner;

/**
 * The operator's half of {@link TuiResumeOnTheRealKernelTest}, as a process of its own: the real UI
 * on a virtual terminal goes live on a dump under a root, runs every stage of the first mount and
 * the mount stage of the second, says {@value #MIDWAY} with the two mounts' progress, and waits to
 * be killed. Its journal goes where {@code XDG_STATE_HOME} says, as a real session's does.
 *
 * <p>Arguments: the dump directory, the root, the log file.
 */
final class TuiRunKilledMidway {
  static final String MIDWAY = "midway:";

  private TuiRunKilledMidway() {}

  public static void main(String[] args) throws Exception {
    Path dump = Path.of(args[0]);
    Path root = Path.of(args[1]);
    TuiLauncher.Session session =
        TuiLauncher.session(
            AutofsAnalysis.inspect(DumpLoader.load(dump)),
            new Planner.Options(root, List.of(), OwnerMode.HANDOFF, true, 0, false),
            new TuiLauncher.Flags(false, false, true, false, false),
            HostSystem::new,
            Path.of(args[2]));
    VirtualScreen screen = new VirtualScreen(session, 160, 60);
    screen.type("L").type("y"); // live, confirmed
    screen.type("r").type("a"); // the first mount: every stage
    screen.press(KeyType.Escape).type("j").type("r").type("s"); // the second: its mount stage
    String first = session.model().mounts().get(0).id();
    String second = session.model().mounts().get(1).id();
    System.out.println(
        MIDWAY
            + " "
            + first
            + "="
            + session.controller().progress(first)
            + " "
            + second
            + "="
            + session.controller().progress(second));
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE); // until the test's SIGKILL
  }
}
