package org.autofsrestore.kernel;

import static org.autofsrestore.kernel.CText.quote;

import java.util.Optional;

/**
 * The POSIX calls that look a path up: stat, mkdir, rmdir, open, openat, mkdirat, and those that
 * look up no more than one name below a held directory fd (or none): openat2 confined to a root,
 * unlinkat, and the read of a held directory's entries ({@link PathAtCall}). Paths are Java strings
 * passed as UTF-8 and must not contain NUL.
 *
 * @param <R> what the call returns; {@link Void} (null) for calls that return only success
 */
public sealed interface PathCall<R> extends KernelCall<R>
    permits PathCall.Stat,
        PathCall.Mkdir,
        PathCall.Rmdir,
        PathCall.Open,
        PathCall.OpenAt,
        PathCall.MkdirAt,
        PathAtCall {

  /** stat(2), following symlinks. */
  record Stat(String path) implements PathCall<FileStat> {
    public Stat {
      CallSupport.cString(path, "path", false);
    }

    @Override
    public String text() {
      return "stat(" + quote(path) + ", &st)";
    }

    @Override
    public String op() {
      return "stat";
    }

    @Override
    public FileStat invoke(Syscalls s) {
      return s.stat(path);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return CallSupport.pathMeaning(e);
    }
  }

  /** mkdir(2). */
  record Mkdir(String path, int mode) implements PathCall<Void> {
    public Mkdir {
      CallSupport.cString(path, "path", false);
    }

    @Override
    public String text() {
      return "mkdir(" + quote(path) + ", " + CText.octal(mode) + ")";
    }

    @Override
    public String op() {
      return "mkdir";
    }

    @Override
    public Void invoke(Syscalls s) {
      s.mkdir(path, mode);
      return null;
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case EEXIST:
          return Optional.of("the path already exists");
        case ENOENT:
          return Optional.of("a parent directory does not exist");
        case EACCES:
          return Optional.of(
              "no write permission; inside an autofs mount only the owner's process group may"
                  + " create directories, and not while the mount is catatonic");
        case ENOTDIR:
          return Optional.of("a component of the path is not a directory");
        default:
          return Optional.empty();
      }
    }
  }

  /** rmdir(2): removes an empty directory (undo removes what a restore created). */
  record Rmdir(String path) implements PathCall<Void> {
    public Rmdir {
      CallSupport.cString(path, "path", false);
    }

    @Override
    public String text() {
      return "rmdir(" + quote(path) + ")";
    }

    @Override
    public String op() {
      return "rmdir";
    }

    @Override
    public Void invoke(Syscalls s) {
      s.rmdir(path);
      return null;
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case ENOTEMPTY:
          return Optional.of("the directory is not empty");
        case EBUSY:
          return Optional.of("something is mounted on it");
        case ENOENT:
          return Optional.of("it does not exist");
        default:
          return Optional.empty();
      }
    }
  }

  /** open(2) without O_CREAT (no mode). */
  record Open(String path, int flags) implements PathCall<Integer> {
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_PATH = 010000000;

    public Open {
      CallSupport.cString(path, "path", false);
      if ((flags & 0100) != 0) {
        throw new IllegalArgumentException("O_CREAT needs a mode; not supported here");
      }
    }

    @Override
    public String text() {
      return "open(" + quote(path) + ", " + CText.openFlags(flags) + ")";
    }

    @Override
    public String op() {
      return "open";
    }

    @Override
    public Integer invoke(Syscalls s) {
      return s.open(path, flags);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case ELOOP:
          return Optional.of("a symlink where O_NOFOLLOW forbids one, or too many symlinks");
        case ENOTDIR:
          return Optional.of("not a directory (O_DIRECTORY), or a path component is not one");
        default:
          return CallSupport.pathMeaning(e);
      }
    }
  }

  /**
   * openat(2) without O_CREAT: {@code path} relative to the directory fd {@code dirFd} ({@link
   * #AT_FDCWD} for the working directory). With O_PATH|O_NOFOLLOW|O_DIRECTORY it walks a path one
   * component at a time without following symlinks.
   */
  record OpenAt(int dirFd, String path, int flags) implements PathCall<Integer> {
    /** AT_FDCWD. */
    public static final int AT_FDCWD = -100;

    public OpenAt {
      CallSupport.cString(path, "path", false);
      if ((flags & 0100) != 0) {
        throw new IllegalArgumentException("O_CREAT needs a mode; not supported here");
      }
    }

    @Override
    public String text() {
      return text(CallSupport.dirFd(dirFd), path, flags);
    }

    /** The text with the dir fd as it prints ({@code <target.fd>} before it is known). */
    public static String text(String dirFd, String path, int flags) {
      return "openat(" + dirFd + ", " + quote(path) + ", " + CText.openFlags(flags) + ")";
    }

    @Override
    public String op() {
      return "openat";
    }

    @Override
    public Integer invoke(Syscalls s) {
      return s.openat(dirFd, path, flags);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case ELOOP:
          return Optional.of("a symlink where O_NOFOLLOW forbids one, or too many symlinks");
        case ENOTDIR:
          return Optional.of("not a directory (O_DIRECTORY), or dirFd or a component is not one");
        case EBADF:
          return Optional.of("dirFd is not an open fd");
        default:
          return CallSupport.pathMeaning(e);
      }
    }
  }

  /** mkdirat(2): {@code path} relative to the directory fd {@code dirFd}. */
  record MkdirAt(int dirFd, String path, int mode) implements PathCall<Void> {
    public MkdirAt {
      CallSupport.cString(path, "path", false);
    }

    @Override
    public String text() {
      return text(CallSupport.dirFd(dirFd), path, mode);
    }

    /** The text with the dir fd as it prints ({@code <dir.fd>} before it is known). */
    public static String text(String dirFd, String path, int mode) {
      return "mkdirat(" + dirFd + ", " + quote(path) + ", " + CText.octal(mode) + ")";
    }

    @Override
    public String op() {
      return "mkdirat";
    }

    @Override
    public Void invoke(Syscalls s) {
      s.mkdirat(dirFd, path, mode);
      return null;
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return e == Errno.EBADF
          ? Optional.of("dirFd is not an open fd")
          : new Mkdir(path, mode).meaning(e);
    }
  }
}
