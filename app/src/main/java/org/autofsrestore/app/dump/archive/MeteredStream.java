package org.autofsrestore.app.dump.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read through it. */
class MeteredStream extends FilterInputStream {
  private long count;

  MeteredStream(InputStream in) {
    super(in);
  }

  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Read, not skipped: a skip past bytes not counted would pass the limits unseen.
    byte[] buffer = new byte[(int) Math.min(n, 64 * 1024)];
    long done = 0;
    while (done < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Called after each read with the bytes it gave; may refuse to go on. */
  void counted(int n) throws IOException {
    count += n;
  }
}
