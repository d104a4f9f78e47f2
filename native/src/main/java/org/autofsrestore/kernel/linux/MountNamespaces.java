package org.autofsrestore.kernel.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Work done in another process's mount namespace, and signals to a process: what the repair of a
 * restored tree needs beyond the kernel calls ({@code repair}). A JVM cannot move itself into
 * another mount namespace (setns(CLONE_NEWNS) refuses a caller whose fs_struct is shared, and every
 * JVM thread shares it); a fresh thread that first takes an fs_struct of its own
 * (unshare(CLONE_FS)) can, and only it moves. That thread runs the work and ends, so no other
 * thread of this process ever sees the other namespace.
 */
public final class MountNamespaces {
  private static final int CLONE_FS = 0x00000200;
  private static final int CLONE_NEWNS = 0x00020000;
  private static final int O_RDONLY_CLOEXEC = 0x80000;

  /** glibc's unshare, setns and kill, registered on first use. */
  private static final class Calls {
    static {
      Native.register(
          Calls.class,
          NativeLibrary.getInstance(Platform.isLinux() ? "libc.so.6" : Platform.C_LIBRARY_NAME));
    }

    private Calls() {}

    static native int unshare(int flags) throws LastErrorException;

    static native int setns(int fd, int nstype) throws LastErrorException;

    static native int kill(int pid, int sig) throws LastErrorException;
  }

  private MountNamespaces() {}

  /** A call that failed, with what was called and the errno it returned. */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errno;

    Failure(String call, int errno) {
      super(call + " failed: errno " + errno);
      this.errno = errno;
    }

    public int errno() {
      return errno;
    }
  }

  /**
   * {@code work}'s result, run on a new thread in the mount namespace of {@code pid} (as this
   * process's /proc sees it): unshare(CLONE_FS), open /proc/PID/ns/mnt, setns(CLONE_NEWNS).
   */
  public static <T> T callIn(long pid, Callable<T> work) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                enter(pid);
                result.set(work.call());
              } catch (Exception e) {
                failure.set(e);
              }
            },
            "mntns-" + pid);
    t.start();
    t.join();
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  private static void enter(long pid) throws Failure {
    try {
      Calls.unshare(CLONE_FS);
    } catch (LastErrorException e) {
      throw new Failure("unshare(CLONE_FS)", e.getErrorCode());
    }
    String ns = "/proc/" + pid + "/ns/mnt";
    int fd;
    try {
      fd = LibC.open(LibC.path(ns), O_RDONLY_CLOEXEC, 0);
    } catch (LastErrorException e) {
      throw new Failure("open(\"" + ns + "\", O_RDONLY|O_CLOEXEC)", e.getErrorCode());
    }
    try {
      Calls.setns(fd, CLONE_NEWNS);
    } catch (LastErrorException e) {
      throw new Failure("setns(" + ns + ", CLONE_NEWNS)", e.getErrorCode());
    } finally {
      LibC.close(fd);
    }
  }

  /** kill(2). */
  public static void kill(long pid, int signal) throws Failure {
    if (pid <= 0 || pid > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("pid " + pid);
    }
    try {
      Calls.kill((int) pid, signal);
    } catch (LastErrorException e) {
      throw new Failure("kill(" + pid + ", " + signal + ")", e.getErrorCode());
    }
  }
}
