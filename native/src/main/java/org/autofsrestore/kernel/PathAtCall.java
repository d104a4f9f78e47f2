package org.autofsrestore.kernel;

import static org.autofsrestore.kernel.CText.quote;

import java.util.Optional;

/**
 * The {@link PathCall}s that work from a held directory fd and look nothing up outside it: openat2
 * confined to a root, unlinkat of one name, and the count of a held directory's entries. A restore
 * resolves every path under its root with these, so a symlink or a rename in the container cannot
 * steer it outside.
 *
 * @param <R> what the call returns
 */
public sealed interface PathAtCall<R> extends PathCall<R> {

  /**
   * openat2(2) with {@code struct open_how {.flags, .resolve}}: {@code path} relative to {@code
   * dirFd}. With RESOLVE_IN_ROOT|RESOLVE_NO_SYMLINKS|RESOLVE_NO_MAGICLINKS the walk stays under
   * {@code dirFd} ("..", at the root, stays at the root) and fails on any symlink: ELOOP for one in
   * the middle, ENOTDIR for a last one with O_NOFOLLOW|O_DIRECTORY (measured on 6.1 and 6.12).
   * Where the kernel has no openat2 (ENOSYS, before 5.6) the implementation walks the path itself,
   * one openat(O_PATH|O_NOFOLLOW|O_DIRECTORY) per component, refusing ".." and symlinks (ELOOP).
   */
  record OpenAt2(int dirFd, String path, int flags, long resolve) implements PathAtCall<Integer> {
    public static final long RESOLVE_NO_XDEV = 0x01;
    public static final long RESOLVE_NO_MAGICLINKS = 0x02;
    public static final long RESOLVE_NO_SYMLINKS = 0x04;
    public static final long RESOLVE_BENEATH = 0x08;
    public static final long RESOLVE_IN_ROOT = 0x10;

    /** What a restore resolves with: in the root, no symlink of any kind. */
    public static final long CONFINED =
        RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;

    /** O_PATH|O_NOFOLLOW|O_CLOEXEC: a handle on the place, opened without following anything. */
    public static final int HANDLE =
        PathCall.Open.O_PATH | PathCall.Open.O_NOFOLLOW | PathCall.Open.O_CLOEXEC;

    public OpenAt2 {
      CallSupport.cString(path, "path", false);
      if ((flags & 0100) != 0) {
        throw new IllegalArgumentException("O_CREAT needs a mode; not supported here");
      }
    }

    public static String text(String dirFd, String path, int flags, long resolve) {
      return "openat2("
          + dirFd
          + ", "
          + quote(path)
          + ", {.flags = "
          + CText.openFlags(flags)
          + ", .resolve = "
          + resolveFlags(resolve)
          + "}, 24)";
    }

    static String resolveFlags(long resolve) {
      return CText.flags(
          resolve,
          new long[] {0x10, 0x08, 0x04, 0x02, 0x01, 0x20},
          new String[] {
            "RESOLVE_IN_ROOT",
            "RESOLVE_BENEATH",
            "RESOLVE_NO_SYMLINKS",
            "RESOLVE_NO_MAGICLINKS",
            "RESOLVE_NO_XDEV",
            "RESOLVE_CACHED"
          });
    }

    @Override
    public String text() {
      return text(CallSupport.dirFd(dirFd), path, flags, resolve);
    }

    @Override
    public String op() {
      return "openat2";
    }

    @Override
    public Integer invoke(Syscalls s) {
      return s.openat2(dirFd, path, flags, resolve);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      switch (e) {
        case ELOOP:
          return Optional.of("a component of the path is a symlink (not followed)");
        case ENOTDIR:
          return Optional.of("a component of the path is not a directory (a file, or a symlink)");
        case EXDEV:
          return Optional.of("the path crosses a mount point (RESOLVE_NO_XDEV) or leaves the root");
        case EAGAIN:
          return Optional.of("a rename raced the lookup; the kernel refused rather than guess");
        default:
          return CallSupport.pathMeaning(e);
      }
    }
  }

  /** unlinkat(2) of one name in a held directory; AT_REMOVEDIR removes an empty directory. */
  record UnlinkAt(int dirFd, String name, int flags) implements PathAtCall<Void> {
    public static final int AT_REMOVEDIR = 0x200;

    public UnlinkAt {
      CallSupport.cString(name, "name", false);
      if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
        throw new IllegalArgumentException("unlinkat takes one plain name here: " + name);
      }
    }

    public static String text(String dirFd, String name, int flags) {
      return "unlinkat("
          + dirFd
          + ", "
          + quote(name)
          + ", "
          + (flags == AT_REMOVEDIR ? "AT_REMOVEDIR" : Integer.toString(flags))
          + ")";
    }

    @Override
    public String text() {
      return text(CallSupport.dirFd(dirFd), name, flags);
    }

    @Override
    public String op() {
      return "unlinkat";
    }

    @Override
    public Void invoke(Syscalls s) {
      s.unlinkat(dirFd, name, flags);
      return null;
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return new Rmdir(name).meaning(e);
    }
  }

  /**
   * The number of entries other than "." and ".." in the directory held by {@code fd}: getdents64
   * on a fd opened from it with openat(fd, ".", O_RDONLY|O_DIRECTORY|O_CLOEXEC) (getdents fails on
   * an O_PATH fd), which is closed again. Counts up to the first buffer of entries only: a restore
   * asks whether there is any.
   */
  record DirEntries(int fd) implements PathAtCall<Integer> {
    public static String text(String fd) {
      return "getdents64(openat(" + fd + ", \".\", O_RDONLY|O_DIRECTORY|O_CLOEXEC), buf, 4096)";
    }

    @Override
    public String text() {
      return text(Integer.toString(fd));
    }

    @Override
    public String op() {
      return "getdents64";
    }

    @Override
    public Integer invoke(Syscalls s) {
      return s.countEntries(fd);
    }

    @Override
    public Optional<String> meaning(Errno e) {
      return e == Errno.ENOTDIR ? Optional.of("the held fd is not a directory") : Optional.empty();
    }
  }
}
