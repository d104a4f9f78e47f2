package org.autofsrestore.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.autofsrestore.kernel.FileStat;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.KernelOps;
import org.autofsrestore.kernel.PathCall.Mkdir;
import org.autofsrestore.kernel.PathCall.Stat;
import org.autofsrestore.kernel.PipeEnds;
import org.autofsrestore.kernel.PosixCall.Close;
import org.autofsrestore.kernel.PosixCall.Mount;
import org.autofsrestore.kernel.PosixCall.Pipe2;
import org.autofsrestore.kernel.PosixCall.Umount;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;
import org.autofsrestore.testkit.Prerequisites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scratch area for tests on the real kernel: a tmpfs on a fresh temp directory, in this test
 * JVM's private mount namespace. {@link #close()} parks every autofs mount below it (so no waiter
 * is left asleep), stops the children it started, closes the fds handed to {@link #track}, unmounts
 * everything, and then asserts that no mount, child process or fd is left behind.
 */
final class KernelSandbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KernelSandbox.class);

  /**
   * Whether the kernel this JVM runs on is at least {@code major.minor} (from os.version, as uname
   * -r prints it): some answers of the kernel changed between the kernels the tests run on.
   */
  static boolean kernelAtLeast(int major, int minor) {
    String[] v = System.getProperty("os.version").split("[.-]", 3);
    int ma = Integer.parseInt(v[0]);
    int mi = Integer.parseInt(v[1]);
    return ma > major || (ma == major && mi >= minor);
  }

  private static boolean warm;

  /**
   * Lets the JVM open, once, the fds it keeps for good (SecureRandom's /dev/random and
   * /dev/urandom, libffi's closure page), so that the fd comparison sees only what a test leaks.
   */
  private static synchronized void warmUp() throws IOException {
    if (!warm) {
      Files.delete(Files.createTempDirectory("autofs-native-warm-up"));
      try (LinuxKernel k = new LinuxKernel()) {
        PipeEnds p = k.run(new Pipe2(Pipe2.O_CLOEXEC));
        k.run(new Close(p.readFd()));
        k.run(new Close(p.writeFd()));
      }
      warm = true;
    }
  }

  final LinuxKernel kernel = new LinuxKernel();
  final Path dir;
  private final Map<Integer, String> fdsBefore;
  private final long childrenBefore;
  private final List<Process> children = new ArrayList<>();
  private final List<Integer> tracked = new ArrayList<>();

  KernelSandbox() throws IOException {
    Prerequisites.requireRealKernel();
    warmUp();
    fdsBefore = openFds();
    childrenBefore = ProcessHandle.current().children().count();
    dir = Files.createTempDirectory("autofs-native-test");
    kernel.run(new Mount("autofs-native-test", dir.toString(), "tmpfs", 0, "mode=0755"));
  }

  /** A directory below the sandbox, created. */
  String mkdir(String name) {
    String path = dir.resolve(name).toString();
    kernel.run(new Mkdir(path, 0755));
    return path;
  }

  /**
   * Closes {@code fd} at {@link #close()} unless the test closed it first ({@link #close(int)}).
   */
  int track(int fd) {
    tracked.add(fd);
    return fd;
  }

  void close(int fd) {
    tracked.remove(Integer.valueOf(fd));
    kernel.run(new Close(fd));
  }

  PipeEnds pipe() {
    PipeEnds p = kernel.run(new Pipe2(Pipe2.O_CLOEXEC));
    track(p.readFd());
    track(p.writeFd());
    return p;
  }

  /** A live autofs mount owned by this JVM's process group: its path, devid and pipe read end. */
  record Live(String path, long devid, int readFd, long pipeIno) {}

  /**
   * Mounts autofs at {@code name} with a fresh pipe, {@code pgrp=} this process group and {@code
   * extra} options (e.g. "indirect"); closes this process's copy of the write end (the kernel keeps
   * its own), tracks the read end.
   */
  Live mountAutofs(String name, String extra) {
    String path = mkdir(name);
    PipeEnds p = pipe();
    int pgrp = kernel.run(new org.autofsrestore.kernel.PosixCall.GetPgrp());
    String data = "fd=" + p.writeFd() + ",pgrp=" + pgrp + ",minproto=5,maxproto=5," + extra;
    long pipeIno = kernel.run(new org.autofsrestore.kernel.PosixCall.Fstat(p.readFd())).ino();
    kernel.run(new Mount("autofs-test-" + name, path, "autofs", 0, data));
    close(p.writeFd());
    FileStat st = kernel.run(new Stat(path));
    return new Live(path, st.dev(), p.readFd(), pipeIno);
  }

  MountInfo mountinfo(String path) throws IOException {
    return MountTable.readSelf()
        .at(path)
        .orElseThrow(() -> new AssertionError("no mount at " + path));
  }

  /** Starts {@code command} with LC_ALL=C; stopped at {@link #close()} if still running. */
  Process start(String... command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("LC_ALL", "C");
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    children.add(p);
    return p;
  }

  /** Waits at most {@code seconds} for {@code p}; its exit code and stderr. */
  static Finished await(Process p, long seconds) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    if (!done) {
      throw new AssertionError(
          "pid " + p.pid() + " still running after " + seconds + " s (the sandbox will stop it)");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Finished(p.exitValue(), out, err, millis);
  }

  record Finished(int exit, String stdout, String stderr, long millis) {}

  @Override
  public void close() throws IOException {
    List<Throwable> problems = new ArrayList<>();
    // 1. Park every autofs mount below us: fails pending requests, so no child sleeps on one.
    List<MountInfo> mounts = MountTable.readSelf().under(dir.toString());
    for (MountInfo m : mounts) {
      if (m.isAutofs()) {
        try {
          KernelOps.park(kernel, m.mountPoint(), m.dev());
        } catch (KernelException e) {
          log.warn("parking {} failed: {}", m.mountPoint(), e.getMessage());
        }
      }
    }
    // 2. Children.
    for (Process p : children) {
      if (p.isAlive()) {
        problems.add(new AssertionError("child " + p.pid() + " still running at clean-up"));
        p.destroyForcibly();
      }
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          problems.add(new AssertionError("child " + p.pid() + " did not die"));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        problems.add(e);
      }
      p.getInputStream().close();
      p.getErrorStream().close();
      p.getOutputStream().close();
    }
    // 3. Our fds.
    for (int fd : new ArrayList<>(tracked)) {
      KernelOps.attempt(kernel, new Close(fd));
    }
    tracked.clear();
    // 4. Unmount, innermost first.
    List<MountInfo> reversed = new ArrayList<>(mounts);
    Collections.reverse(reversed);
    for (MountInfo m : reversed) {
      try {
        kernel.run(new Umount(m.mountPoint(), 0));
      } catch (KernelException e) {
        problems.add(e);
        KernelOps.attempt(kernel, new Umount(m.mountPoint(), Umount.MNT_DETACH));
      }
    }
    kernel.close();
    Files.deleteIfExists(dir);
    // 5. Nothing left behind.
    try {
      assertEquals(List.of(), MountTable.readSelf().under(dir.toString()), "mounts left behind");
      assertEquals(
          childrenBefore, ProcessHandle.current().children().count(), "child processes left");
      assertEquals(fdsBefore, openFds(), "fds left open (fd -> target)");
      assertTrue(Files.notExists(dir), "sandbox directory left behind");
    } catch (AssertionError e) {
      problems.add(e);
    }
    if (!problems.isEmpty()) {
      AssertionError all = new AssertionError("sandbox clean-up: " + problems.get(0));
      problems.forEach(all::addSuppressed);
      throw all;
    }
  }

  /** fd number -> link target of every fd of this process. */
  static Map<Integer, String> openFds() throws IOException {
    Map<Integer, String> out = new TreeMap<>();
    try (var s = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path p : s) {
        try {
          String target = Files.readSymbolicLink(p).toString();
          if (!target.matches("/proc/[0-9]+/fd")) { // this listing's own fd
            out.put(Integer.parseInt(p.getFileName().toString()), target);
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    }
    return out;
  }
}
