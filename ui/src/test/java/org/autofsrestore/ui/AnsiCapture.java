package org.autofsrestore.ui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.ansi.ANSITerminal;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A real Lanterna ANSI terminal (the escape sequences a UnixTerminal sends over SSH) over plain
 * streams: no tty, a fixed size, keys fed as bytes, and every byte it writes kept for counting.
 */
final class AnsiCapture extends ANSITerminal {
  /** Bytes typed on the keyboard; never reports end of input. */
  static final class Keyboard extends InputStream {
    private final ConcurrentLinkedQueue<Integer> bytes = new ConcurrentLinkedQueue<>();

    void type(String s) {
      for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
        bytes.add(b & 0xff);
      }
    }

    @Override
    public int available() {
      return bytes.size();
    }

    @Override
    public int read() {
      Integer b = bytes.poll();
      return b == null ? 0 : b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      int n = 0;
      while (n < length) {
        Integer b = bytes.poll();
        if (b == null) {
          break;
        }
        buffer[offset + n++] = (byte) (int) b;
      }
      return n;
    }
  }

  final Keyboard keyboard;
  final ByteArrayOutputStream output;
  private volatile TerminalSize size;

  private AnsiCapture(Keyboard keyboard, ByteArrayOutputStream output, TerminalSize size) {
    super(keyboard, output, StandardCharsets.UTF_8);
    this.keyboard = keyboard;
    this.output = output;
    this.size = size;
  }

  static AnsiCapture of(int columns, int rows) {
    return new AnsiCapture(
        new Keyboard(), new ByteArrayOutputStream(), new TerminalSize(columns, rows));
  }

  @Override
  protected TerminalSize findTerminalSize() {
    return size;
  }

  /** Bytes written since the last call. */
  synchronized byte[] take() {
    byte[] b = output.toByteArray();
    output.reset();
    return b;
  }
}
