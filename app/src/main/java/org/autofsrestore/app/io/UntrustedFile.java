package org.autofsrestore.app.io;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.FileStat;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.PathCall;
import org.autofsrestore.kernel.PosixCall;
import org.autofsrestore.kernel.linux.LinuxKernel;

/**
 * A file that someone else may control (a dump's image, a CRIU log, a journal), opened so that
 * neither a symlink nor a FIFO or device swapped in can steer or hang the tool: open(2) with {@code
 * O_RDONLY|O_NONBLOCK|O_NOFOLLOW|O_CLOEXEC} (a FIFO without a writer opens at once, a symlink fails
 * with ELOOP), then fstat(2) on that fd, and only a regular file is read. Java's own opens have no
 * O_NONBLOCK, so the bytes are read through {@code /proc/self/fd/N}: the same inode, already proven
 * a regular file, which no rename can change.
 *
 * <p>The holder owns the fd until {@link #close}.
 */
public final class UntrustedFile implements AutoCloseable {
  private static final int FLAGS =
      PathCall.Open.O_RDONLY
          | PathCall.Open.O_NONBLOCK
          | PathCall.Open.O_NOFOLLOW
          | PathCall.Open.O_CLOEXEC;

  /** Only open, fstat and close run through it: no /dev/autofs fd is ever opened, none to close. */
  private static final class Calls {
    static final LinuxKernel KERNEL = new LinuxKernel();
  }

  /** Why a file was not opened or not trusted. */
  public enum Problem {
    SYMLINK,
    NOT_REGULAR,
    TOO_LARGE,
    OWNER,
    WRITABLE_BY_OTHERS
  }

  /** A file refused before a byte of it was read; the message is the sentence to show. */
  public static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final Problem problem;
    private final String what;

    public Refused(Path file, Problem problem, String sentence) {
      this(file, problem, sentence, "");
    }

    Refused(Path file, Problem problem, String sentence, String what) {
      super(sentence);
      this.file = file;
      this.problem = problem;
      this.what = what;
    }

    /** What the file was, without its name: "a symlink", "a FIFO", "1234 bytes"... */
    public String what() {
      return what;
    }

    public Path file() {
      return file;
    }

    public Problem problem() {
      return problem;
    }
  }

  private final Path file;
  private final int fd;
  private boolean closed;

  private UntrustedFile(Path file, int fd) {
    this.file = file;
    this.fd = fd;
  }

  /**
   * Opens {@code file} without following a symlink at its last component and without blocking, and
   * holds it only if it is a regular file.
   *
   * @throws Refused when it is a symlink or not a regular file (a FIFO, a device, a directory)
   * @throws IOException when open(2) fails otherwise (missing, permissions), with the errno
   */
  public static UntrustedFile open(Path file) throws IOException {
    int fd;
    try {
      fd = Calls.KERNEL.run(new PathCall.Open(file.toString(), FLAGS));
    } catch (KernelException e) {
      if (e.errno() == Errno.ELOOP) {
        throw new Refused(
            file,
            Problem.SYMLINK,
            file + " is a symlink: refused (it is opened with O_NOFOLLOW); give the file itself",
            "a symlink");
      }
      if (e.errno() == Errno.ENOENT) {
        throw new java.nio.file.NoSuchFileException(file.toString());
      }
      throw new IOException(
          "cannot open "
              + file
              + ": "
              + e.errnoName()
              + " ("
              + e.meaning().orElse(e.strerror())
              + ")",
          e);
    } catch (IllegalArgumentException e) {
      throw new IOException("cannot open " + file + ": " + e.getMessage(), e);
    }
    UntrustedFile held = new UntrustedFile(file, fd);
    try {
      FileStat st = Calls.KERNEL.run(new PosixCall.Fstat(fd));
      if (!st.isRegularFile()) {
        throw new Refused(
            file,
            Problem.NOT_REGULAR,
            file + " is " + kind(st) + ", not a regular file: refused (nothing is read from it)",
            kind(st));
      }
      return held;
    } catch (IOException | RuntimeException e) {
      held.close();
      throw e;
    }
  }

  private static String kind(FileStat st) {
    if (st.isDirectory()) {
      return "a directory";
    }
    if (st.isFifo()) {
      return "a FIFO";
    }
    return switch (st.mode() & FileStat.S_IFMT) {
      case 0020000 -> "a character device";
      case 0060000 -> "a block device";
      case 0140000 -> "a socket";
      default -> "of type 0" + Integer.toOctalString(st.mode() & FileStat.S_IFMT);
    };
  }

  public Path file() {
    return file;
  }

  /** The held file by its fd: stat, open or read through it reach this inode and no other. */
  public Path byFd() {
    return Path.of("/proc/self/fd/" + fd);
  }

  /** Its owner's uid, permission bits (as st_mode & 07777) and size, from a stat of the fd. */
  public Attributes attributes() throws IOException {
    Map<String, Object> a = Files.readAttributes(byFd(), "unix:uid,mode,size");
    return new Attributes(
        (Integer) a.get("uid"), (Integer) a.get("mode") & 07777, (Long) a.get("size"));
  }

  /** What a trust check needs of the file. */
  public record Attributes(int uid, int permissions, long size) {}

  /** A stream of its bytes from the start. */
  public InputStream read() throws IOException {
    return new FileInputStream(byFd().toFile());
  }

  /** A stream appending to it (the same inode; nothing is looked up by name). */
  public FileOutputStream append() throws IOException {
    return new FileOutputStream(byFd().toFile(), true);
  }

  /**
   * Every byte, at most {@code limit}.
   *
   * @throws Refused ({@link Problem#TOO_LARGE}) when it holds more, naming its size
   */
  public byte[] readAll(long limit) throws IOException {
    try (InputStream in = read()) {
      int cap = (int) Math.min(limit, Integer.MAX_VALUE - 16);
      byte[] bytes = in.readNBytes(cap);
      if (bytes.length == cap && in.read() >= 0) {
        long size = Files.size(byFd());
        throw new Refused(
            file,
            Problem.TOO_LARGE,
            file + " is " + size + " bytes, above the limit of " + limit,
            size + " bytes");
      }
      return bytes;
    }
  }

  /** The user this process runs as (its effective uid: the owner of /proc/self). */
  public static int effectiveUid() throws IOException {
    return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        Calls.KERNEL.run(new PosixCall.Close(fd));
      } catch (KernelException e) {
        // EBADF only if something else closed it: nothing more to release
      }
    }
  }

  @Override
  public String toString() {
    return "UntrustedFile[" + file + " fd " + fd + "]";
  }
}
