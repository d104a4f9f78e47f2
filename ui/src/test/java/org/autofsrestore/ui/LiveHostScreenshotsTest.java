package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.autofsrestore.ui.render.Screenshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screenshots of the live host beside the dump, over the sample's live host (the multi fixture
 * restored under /tmp/r, as app's real model reads a crafted /proc of it): the demo dump's
 * screenshots ({@code autofs-restore screenshots}) read this machine's /proc, which has no autofs
 * mount to show on a build host. {@code -Dui.screenshots.write=true} copies them to screenshots/.
 */
class LiveHostScreenshotsTest {
  private static final Path SHOTS = Path.of("../screenshots");

  @TempDir Path dir;

  private Path shoot(String keys, String name) throws Exception {
    SampleDump dump = SampleDump.multiLive();
    Path png = dir.resolve(name);
    Screenshots.capture(dump, new SampleController(dump), UiOptions.defaults(), 100, 30, keys, png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(100, (image.getWidth() - 20) / ((image.getWidth() - 20) / 100), name);
    assertEquals(1, dump.liveReads, "read once, when the UI opened");
    if (Boolean.getBoolean("ui.screenshots.write")) {
      Files.copy(png, SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
    return png;
  }

  @Test
  void theDetailsWithTheLiveHostBesideTheDumpAreRendered() throws Exception {
    assertTrue(Files.size(shoot("jjj<Enter>", "6-live-details.png")) > 1000);
  }

  @Test
  void theListTurnedToTheLiveHostIsRendered() throws Exception {
    assertTrue(Files.size(shoot("h<End><Up>", "7-live-host.png")) > 1000);
  }
}
