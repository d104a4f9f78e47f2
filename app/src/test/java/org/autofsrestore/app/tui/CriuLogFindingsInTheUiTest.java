package org.autofsrestore.app.tui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.criulog.CriuLogInspection;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.restore.HostSystem;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.Planner;
import org.autofsrestore.app.synth.DumpBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UI shows what CRIU's log beside the images says, on the mount the log names. */
class CriuLogFindingsInTheUiTest {
  @TempDir Path tmp;

  @Test
  void aMountsDetailsShowTheFindingOfTheCriuLogLineAboutIt() throws Exception {
    Path dir =
        new DumpBuilder()
            .process(1, "init")
            .process(32, 1, 32, 32, "automount")
            .pipe(32, 3, 5, 28133)
            .autofsMount("/srv/auto", a -> a.indirect().owner(32, 5, 28133).optionsPgrp(1032))
            .write(tmp.resolve("dump"));
    Files.writeString(
        dir.resolve("restore.log"),
        "(00.000000) Version: 3.17.1 (gitid 0)\n"
            + "(00.412345)      1: Error (criu/autofs.c:868): Failed to find pipe fd 5 in process"
            + " 32\n");
    Inspection inspection = CriuLogInspection.inspect(DumpLoader.load(dir));
    TuiLauncher.Session session =
        TuiLauncher.session(
            inspection,
            new Planner.Options(
                Path.of("/nonexistent-root"), List.of(), OwnerMode.HANDOFF, true, 0, false),
            new TuiLauncher.Flags(false, false, false, false, false),
            HostSystem::new,
            org.autofsrestore.app.cli.LogSetup.logFile());
    try (VirtualScreen screen = new VirtualScreen(session, 200, 60)) {
      screen.press(KeyType.Enter);
      String text = screen.screen();
      assertTrue(text.contains("/srv/auto"), text);
      assertTrue(text.contains("criu-log-error"), "the log's finding in the details:\n" + text);
      assertTrue(text.contains("restore.log line 2"), text);
    }
  }
}
