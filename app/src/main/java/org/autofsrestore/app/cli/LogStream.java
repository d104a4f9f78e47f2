package org.autofsrestore.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Logback's stream onto the log file {@link LogSetup} opened. A FileChannel is closed for good when
 * a thread that is interrupted uses it (threads of the UI and the request server are, to stop
 * them), so a write runs with the caller's interrupt status cleared and then restored; a channel
 * closed by an interrupt that came during a write is opened again the way LogSetup opened it (no
 * symbolic link followed, a regular file only), or the line is dropped.
 */
final class LogStream extends OutputStream {
  private final Path file;
  private FileChannel channel;

  LogStream(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      try {
        writeFully(ByteBuffer.wrap(b, off, len));
      } catch (ClosedChannelException e) {
        if (!(LogSetup.open(file) instanceof LogSetup.Opening.Opened again)) {
          return; // the log cannot be opened safely any more: the line is lost, not misplaced
        }
        channel = again.channel();
        writeFully(ByteBuffer.wrap(b, off, len));
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void writeFully(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
