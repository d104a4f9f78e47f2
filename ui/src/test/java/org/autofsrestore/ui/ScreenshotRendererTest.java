package org.autofsrestore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.autofsrestore.ui.render.ScreenshotRenderer;
import org.autofsrestore.ui.render.Screenshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreenshotRendererTest {

  @Test
  void aScreenshotIsAPngOfTheGridWithTheBannerInItsColors(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("shots/list.png");
    try (Harness h = new Harness(80, 24)) {
      ScreenshotRenderer.render(h.terminal(), png);
    }
    assertTrue(Files.size(png) > 1000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(
        image.getWidth() > 80 * 6 && image.getHeight() > 24 * 10,
        image.getWidth() + "x" + image.getHeight());
    int cellWidth = (image.getWidth() - 20) / 80;
    int cellHeight = (image.getHeight() - 20) / 24;
    assertEquals(image.getWidth() - 20, cellWidth * 80, "a monospace grid");
    // the DRY RUN banner cell's background is yellow
    int rgb = image.getRGB(10 + cellWidth / 2, 10 + 1);
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    assertTrue(r > 150 && g > 120 && b < 80, Integer.toHexString(rgb));
    // there is text: some pixels of the first list row differ from the background
    int differing = 0;
    int background = image.getRGB(image.getWidth() - 5, image.getHeight() - 5);
    for (int x = 10; x < 10 + cellWidth * 20; x++) {
      for (int y = 10 + cellHeight * 4; y < 10 + cellHeight * 5; y++) {
        if (image.getRGB(x, y) != background) {
          differing++;
        }
      }
    }
    assertTrue(differing > 50, "selected row drawn: " + differing);
    assertTrue(Boolean.parseBoolean(System.getProperty("java.awt.headless", "true")));
  }

  @Test
  void screenshotsDriveTheRealScreensWithKeysWrittenAsText(@TempDir Path dir) throws Exception {
    assertEquals(
        List.of(
            new KeyStroke('j', false, false),
            new KeyStroke(KeyType.Enter),
            new KeyStroke(KeyType.Tab),
            new KeyStroke('c', true, false),
            new KeyStroke('<', false, false)),
        Screenshots.keys("j<Enter><Tab><C-c><lt>"));
    SampleDump dump = SampleDump.multi();
    SampleController controller = new SampleController(dump);
    Path png = dir.resolve("stepper.png");
    Screenshots.capture(dump, controller, UiOptions.defaults(), 100, 30, "r<Tab><Tab>nn", png);
    assertEquals(List.of("nextStep /srv/auto-f1", "nextStep /srv/auto-f1"), controller.actions);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(100, (image.getWidth() - 20) / ((image.getWidth() - 20) / 100));
  }

  @Test
  void captureRendersTheScreenTheKeysLedToNotTheTerminalTheUiLeftBehind(@TempDir Path dir)
      throws Exception {
    SampleDump dump = SampleDump.multi();
    Path png = dir.resolve("list.png");
    Screenshots.capture(dump, new SampleController(dump), UiOptions.defaults(), 80, 24, "", png);
    BufferedImage image = ImageIO.read(png.toFile());
    int cellWidth = (image.getWidth() - 20) / 80;
    // the DRY RUN banner's first cell is yellow, as on the screen; a blank terminal has no yellow
    int rgb = image.getRGB(10 + cellWidth / 2, 10 + 1);
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    assertTrue(r > 150 && g > 120 && b < 80, Integer.toHexString(rgb));
  }
}
