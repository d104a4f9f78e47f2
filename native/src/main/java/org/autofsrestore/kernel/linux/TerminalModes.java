package org.autofsrestore.kernel.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.util.Arrays;
import org.autofsrestore.kernel.Errno;

/**
 * A terminal's line settings, the kernel's {@code struct termios}, read with the TCGETS ioctl and
 * set with TCSETSW: what {@code stty} does for a full-screen UI, without a child process for each
 * change. A value; the {@code with} methods return changed copies.
 */
public final class TerminalModes {
  // asm-generic/ioctls.h; TCSETSW applies after pending output is written, as stty does.
  static final long TCGETS = 0x5401;
  static final long TCSETSW = 0x5403;
  // asm-generic/termbits.h: four tcflag_t words, c_line, then c_cc[NCCS = 19].
  static final int SIZE = 36;
  private static final int C_LFLAG = 12;
  private static final int C_CC = 17;
  private static final int VINTR = 0;
  private static final int VMIN = 6;
  private static final int ISIG = 0x1;
  private static final int ICANON = 0x2;
  private static final int ECHO = 0x8;

  private final byte[] termios;

  private TerminalModes(byte[] termios) {
    this.termios = termios;
  }

  /** The settings of the terminal open on {@code fd}. */
  public static TerminalModes of(int fd) throws IOException {
    Memory buf = new Memory(SIZE);
    try {
      LibC.ioctl(fd, TCGETS, buf);
    } catch (LastErrorException e) {
      throw failure("TCGETS", fd, e);
    }
    return new TerminalModes(buf.getByteArray(0, SIZE));
  }

  /** Sets these settings on the terminal open on {@code fd}, once its pending output is written. */
  public void applyTo(int fd) throws IOException {
    Memory buf = new Memory(SIZE);
    buf.write(0, termios, 0, SIZE);
    try {
      LibC.ioctl(fd, TCSETSW, buf);
    } catch (LastErrorException e) {
      throw failure("TCSETSW", fd, e);
    }
  }

  /** Whether input is read a line at a time (ICANON), as it is at a shell prompt. */
  public boolean canonical() {
    return (localFlags() & ICANON) != 0;
  }

  /** Whether typed characters are echoed (ECHO). */
  public boolean echo() {
    return (localFlags() & ECHO) != 0;
  }

  /** Whether keys can raise signals at all (ISIG). */
  public boolean signalKeys() {
    return (localFlags() & ISIG) != 0;
  }

  /** The key that sends SIGINT (3 is Ctrl-C); 0 when there is none ({@code stty intr undef}). */
  public int interruptKey() {
    return termios[C_CC + VINTR] & 0xff;
  }

  /** The fewest bytes a non-canonical read waits for (VMIN). */
  public int minimumRead() {
    return termios[C_CC + VMIN] & 0xff;
  }

  /**
   * Line-at-a-time input on or off; off also makes each read return as soon as one byte is there
   * ({@code stty -icanon min 1}), which is how a UI gets each key.
   */
  public TerminalModes withCanonical(boolean on) {
    byte[] changed = withLocalFlag(ICANON, on);
    if (!on) {
      changed[C_CC + VMIN] = 1;
    }
    return new TerminalModes(changed);
  }

  /** Echo on or off ({@code stty echo} / {@code -echo}). */
  public TerminalModes withEcho(boolean on) {
    return new TerminalModes(withLocalFlag(ECHO, on));
  }

  /** The SIGINT key: 0 for none ({@code stty intr undef}), 3 for Ctrl-C. */
  public TerminalModes withInterruptKey(int key) {
    byte[] changed = termios.clone();
    changed[C_CC + VINTR] = (byte) key;
    return new TerminalModes(changed);
  }

  private int localFlags() {
    return (termios[C_LFLAG] & 0xff)
        | (termios[C_LFLAG + 1] & 0xff) << 8
        | (termios[C_LFLAG + 2] & 0xff) << 16
        | (termios[C_LFLAG + 3] & 0xff) << 24;
  }

  private byte[] withLocalFlag(int flag, boolean on) {
    int flags = on ? localFlags() | flag : localFlags() & ~flag;
    byte[] changed = termios.clone();
    for (int i = 0; i < 4; i++) {
      changed[C_LFLAG + i] = (byte) (flags >>> (8 * i));
    }
    return changed;
  }

  private static IOException failure(String request, int fd, LastErrorException e) {
    String errno =
        Errno.forNumber(e.getErrorCode()).map(Errno::describe).orElse("errno " + e.getErrorCode());
    return new IOException("ioctl(" + fd + ", " + request + "): " + errno, e);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TerminalModes other && Arrays.equals(termios, other.termios);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(termios);
  }

  @Override
  public String toString() {
    return "TerminalModes[canonical="
        + canonical()
        + ", echo="
        + echo()
        + ", intr="
        + interruptKey()
        + ", min="
        + minimumRead()
        + "]";
  }
}
