package org.autofsrestore.ui.render;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminal;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Renders the visible text grid of a Lanterna virtual terminal (characters, foreground and
 * background colors, bold, reverse, underline) into a PNG with Java2D, headless, in a monospace
 * font: DejaVu Sans Mono when installed (Debian package fonts-dejavu-core), else the JDK's logical
 * monospaced font. Default colors are a light-on-dark terminal.
 */
public final class ScreenshotRenderer {
  private static final String PREFERRED_FAMILY = "DejaVu Sans Mono";
  private static final Path[] PREFERRED_FILES = {
    Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"),
    Path.of("/usr/share/fonts/TTF/DejaVuSansMono.ttf"),
    Path.of("/usr/share/fonts/dejavu/DejaVuSansMono.ttf")
  };
  private static final int FONT_SIZE = 15;
  private static final int MARGIN = 10;
  private static final Color DEFAULT_FOREGROUND = new Color(0xD8, 0xD8, 0xD8);
  private static final Color DEFAULT_BACKGROUND = new Color(0x1C, 0x1C, 0x1C);
  private static final Map<TextColor.ANSI, Color> PALETTE = new EnumMap<>(TextColor.ANSI.class);

  static {
    PALETTE.put(TextColor.ANSI.BLACK, new Color(0x2E, 0x34, 0x36));
    PALETTE.put(TextColor.ANSI.RED, new Color(0xCC, 0x00, 0x00));
    PALETTE.put(TextColor.ANSI.GREEN, new Color(0x4E, 0x9A, 0x06));
    PALETTE.put(TextColor.ANSI.YELLOW, new Color(0xC4, 0xA0, 0x00));
    PALETTE.put(TextColor.ANSI.BLUE, new Color(0x34, 0x65, 0xA4));
    PALETTE.put(TextColor.ANSI.MAGENTA, new Color(0x75, 0x50, 0x7B));
    PALETTE.put(TextColor.ANSI.CYAN, new Color(0x06, 0x98, 0x9A));
    PALETTE.put(TextColor.ANSI.WHITE, new Color(0xD3, 0xD7, 0xCF));
    PALETTE.put(TextColor.ANSI.BLACK_BRIGHT, new Color(0x75, 0x7B, 0x73));
    PALETTE.put(TextColor.ANSI.RED_BRIGHT, new Color(0xEF, 0x29, 0x29));
    PALETTE.put(TextColor.ANSI.GREEN_BRIGHT, new Color(0x8A, 0xE2, 0x34));
    PALETTE.put(TextColor.ANSI.YELLOW_BRIGHT, new Color(0xFC, 0xE9, 0x4F));
    PALETTE.put(TextColor.ANSI.BLUE_BRIGHT, new Color(0x72, 0x9F, 0xCF));
    PALETTE.put(TextColor.ANSI.MAGENTA_BRIGHT, new Color(0xAD, 0x7F, 0xA8));
    PALETTE.put(TextColor.ANSI.CYAN_BRIGHT, new Color(0x34, 0xE2, 0xE2));
    PALETTE.put(TextColor.ANSI.WHITE_BRIGHT, new Color(0xEE, 0xEE, 0xEC));
  }

  private ScreenshotRenderer() {}

  /** Renders the terminal's visible grid into {@code png} (parent folders are created). */
  public static void render(VirtualTerminal terminal, Path png) throws IOException {
    BufferedImage image = renderImage(terminal);
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(png)) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer in this JDK");
      }
    }
  }

  /** The rendered image, for callers that want it in memory. */
  public static BufferedImage renderImage(VirtualTerminal terminal) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    Font regular = baseFont();
    Font bold = regular.deriveFont(Font.BOLD);
    TerminalSize size = terminal.getTerminalSize();
    int columns = size.getColumns();
    int rows = size.getRows();

    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics metrics = pg.getFontMetrics(regular);
    int cellWidth = Math.max(1, metrics.charWidth('M'));
    int cellHeight = Math.max(1, metrics.getHeight());
    int ascent = metrics.getAscent();
    pg.dispose();

    BufferedImage image =
        new BufferedImage(
            columns * cellWidth + 2 * MARGIN,
            rows * cellHeight + 2 * MARGIN,
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setColor(DEFAULT_BACKGROUND);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int row = 0; row < rows; row++) {
        for (int col = 0; col < columns; col++) {
          TextCharacter cell = terminal.getCharacter(col, row);
          if (cell == null) {
            continue;
          }
          int span = cell.isDoubleWidth() ? 2 : 1;
          Color fg = color(cell.getForegroundColor(), DEFAULT_FOREGROUND);
          Color bg = color(cell.getBackgroundColor(), DEFAULT_BACKGROUND);
          if (cell.isReversed()) {
            Color t = fg;
            fg = bg;
            bg = t;
          }
          int x = MARGIN + col * cellWidth;
          int y = MARGIN + row * cellHeight;
          g.setColor(bg);
          g.fillRect(x, y, cellWidth * span, cellHeight);
          String text = cell.getCharacterString();
          if (text != null && !text.isBlank()) {
            Font font = cell.isBold() ? bold : regular;
            if (font.canDisplayUpTo(text) != -1) {
              font = new Font(Font.MONOSPACED, font.getStyle(), FONT_SIZE);
            }
            g.setFont(font);
            g.setColor(fg);
            g.drawString(text, x, y + ascent);
          }
          if (cell.isUnderlined()) {
            g.setColor(fg);
            g.drawLine(x, y + cellHeight - 2, x + cellWidth * span - 1, y + cellHeight - 2);
          }
          col += span - 1;
        }
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static Color color(TextColor color, Color fallback) {
    if (color == null || color == TextColor.ANSI.DEFAULT) {
      return fallback;
    }
    if (color instanceof TextColor.ANSI) {
      Color c = PALETTE.get((TextColor.ANSI) color);
      return c == null ? fallback : c;
    }
    return new Color(color.getRed(), color.getGreen(), color.getBlue());
  }

  private static Font baseFont() {
    Font font = new Font(PREFERRED_FAMILY, Font.PLAIN, FONT_SIZE);
    if (PREFERRED_FAMILY.equals(font.getFamily())) {
      return font;
    }
    for (Path file : PREFERRED_FILES) {
      if (Files.isRegularFile(file)) {
        try {
          return Font.createFont(Font.TRUETYPE_FONT, file.toFile())
              .deriveFont(Font.PLAIN, (float) FONT_SIZE);
        } catch (FontFormatException | IOException e) {
          // try the next one
        }
      }
    }
    return new Font(Font.MONOSPACED, Font.PLAIN, FONT_SIZE);
  }
}
