package org.autofsrestore.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Terminal settings on a real pseudo-terminal, checked against what stty reads back. */
class TerminalModesTest {
  private static final int O_RDWR = 02;
  private static final int O_NOCTTY = 0400;
  private static final long TIOCGPTN = 0x80045430L;
  private static final long TIOCSPTLCK = 0x40045431L;

  private int master = -1;
  private int terminal = -1;
  private String terminalPath;

  @BeforeEach
  void openPseudoTerminal() {
    master = LibC.open(LibC.path("/dev/ptmx"), O_RDWR | O_NOCTTY, 0);
    Memory number = new Memory(4);
    number.setInt(0, 0);
    LibC.ioctl(master, TIOCSPTLCK, number);
    LibC.ioctl(master, TIOCGPTN, number);
    terminalPath = "/dev/pts/" + number.getInt(0);
    terminal = LibC.open(LibC.path(terminalPath), O_RDWR | O_NOCTTY, 0);
  }

  @AfterEach
  void closePseudoTerminal() {
    if (terminal >= 0) {
      LibC.close(terminal);
    }
    if (master >= 0) {
      LibC.close(master);
    }
  }

  private String stty() throws Exception {
    Process p =
        new ProcessBuilder("stty", "-F", terminalPath, "-a").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void aNewTerminalReadsLinesEchoesAndInterruptsOnCtrlC() throws Exception {
    TerminalModes modes = TerminalModes.of(terminal);
    assertTrue(modes.canonical(), modes.toString());
    assertTrue(modes.echo(), modes.toString());
    assertTrue(modes.signalKeys(), modes.toString());
    assertEquals(3, modes.interruptKey());
  }

  @Test
  void rawModeIsWhatSttyWouldHaveSetAndTheSavedSettingsComeBackWhole() throws Exception {
    TerminalModes saved = TerminalModes.of(terminal);
    saved.withCanonical(false).withEcho(false).withInterruptKey(0).applyTo(terminal);

    TerminalModes raw = TerminalModes.of(terminal);
    assertFalse(raw.canonical());
    assertFalse(raw.echo());
    assertEquals(0, raw.interruptKey());
    assertEquals(1, raw.minimumRead());
    String said = stty();
    assertTrue(said.contains("-icanon") && said.contains("-echo "), said);
    assertTrue(said.contains("intr = <undef>") && said.contains("min = 1"), said);

    saved.applyTo(terminal);
    assertEquals(saved, TerminalModes.of(terminal));
    said = stty();
    assertTrue(said.contains(" icanon") && said.contains(" echo "), said);
    assertTrue(said.contains("intr = ^C"), said);
  }

  @Test
  void aFileThatIsNoTerminalIsRefusedWithTheCallAndTheErrno(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    int fd = LibC.open(LibC.path(file.toString()), 0, 0);
    try {
      IOException e = assertThrows(IOException.class, () -> TerminalModes.of(fd));
      assertEquals(
          "ioctl(" + fd + ", TCGETS): ENOTTY (Inappropriate ioctl for device)", e.getMessage());
    } finally {
      LibC.close(fd);
    }
  }
}
