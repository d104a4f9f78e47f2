package org.autofsrestore.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a test needs from the machine it runs on. A missing prerequisite skips the test, saying
 * which one and how to get it; in CI (environment variable {@code CI=true}) the same sentence fails
 * it, because CI promises every prerequisite and a silent skip there would hide a broken runner.
 */
public final class Prerequisites {
  private Prerequisites() {}

  /** Whether this run is CI's, where every prerequisite must be met. */
  public static boolean inCi() {
    return "true".equals(System.getenv("CI"));
  }

  /**
   * Skips (outside CI) or fails (in CI) the calling test with {@code sentence} unless {@code met}.
   */
  public static void require(boolean met, String sentence) {
    require(met, sentence, inCi());
  }

  static void require(boolean met, String sentence, boolean ci) {
    if (met) {
      return;
    }
    if (ci) {
      fail(sentence + " (CI=true: every prerequisite must be met)");
    }
    abort(sentence);
  }

  /**
   * The guard of every kernel test: x86_64 Linux, root (CAP_SYS_ADMIN), /dev/autofs, and a mount
   * namespace other than the parent's, so no mount a test makes can reach this machine's table.
   */
  public static void requireRealKernel() {
    requireX86_64Linux();
    requireRoot();
    requireDevAutofs();
    requireOwnMountNamespace();
  }

  public static void requireX86_64Linux() {
    String os = System.getProperty("os.name") + " " + System.getProperty("os.arch");
    require(
        os.equals("Linux amd64") || os.equals("Linux x86_64"),
        "needs x86_64 Linux (this JVM runs on "
            + os
            + "): run the kernel tests on an x86_64 Linux machine or in scripts/kernel-vm");
  }

  /** Root, for CAP_SYS_ADMIN: mount(2) and the autofs control ioctls need it. */
  public static void requireRoot() {
    OptionalLong euid = effectiveUid();
    require(
        euid.isPresent() && euid.getAsLong() == 0,
        "needs root (CAP_SYS_ADMIN) to mount (effective uid "
            + (euid.isPresent() ? String.valueOf(euid.getAsLong()) : "unknown")
            + "): run the build as root, e.g. sudo mvn -B verify");
  }

  public static void requireDevAutofs() {
    require(
        Files.exists(Path.of("/dev/autofs")),
        "needs /dev/autofs (this kernel has no autofs loaded): modprobe autofs4, or run on a kernel"
            + " with CONFIG_AUTOFS_FS (scripts/kernel-vm boots one)");
  }

  public static void requireOwnMountNamespace() {
    require(
        inOtherMountNamespaceThanParent(),
        "needs a mount namespace of its own (the test JVM shares its parent's, so a mount would"
            + " change this machine's table): start the JVM as root through"
            + " scripts/private-mount-ns-jvm/bin/java, as the root pom's Surefire does");
  }

  /** tmux on PATH, for the tests that drive the UI on a real pseudo-terminal. */
  public static void requireTmux() {
    require(
        onPath("tmux"),
        "needs tmux on PATH: apt-get install tmux (scripts/install-test-peers installs it)");
  }

  /** CRIU's image tool, the reference decoder; returns its path. */
  public static Path requireCrit() {
    return requireExecutable(Path.of("/usr/bin/crit"), "criu");
  }

  /** The automount daemon, the peer of the hand-off tests; returns its path. */
  public static Path requireAutomount() {
    return requireExecutable(Path.of("/usr/sbin/automount"), "autofs");
  }

  private static Path requireExecutable(Path program, String debianPackage) {
    require(
        Files.isExecutable(program),
        "needs "
            + program
            + ": apt-get install "
            + debianPackage
            + " (scripts/install-test-peers installs it)");
    return program;
  }

  /** Whether an executable called {@code name} is in a directory of PATH. */
  public static boolean onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }

  static OptionalLong effectiveUid() {
    return statusField("Uid:", 2);
  }

  /** Whether this JVM's mount namespace is not its parent's (what the test JVM launcher does). */
  public static boolean inOtherMountNamespaceThanParent() {
    OptionalLong parent = statusField("PPid:", 1);
    if (parent.isEmpty() || parent.getAsLong() == 0) {
      return false;
    }
    Optional<Path> mine = mountNamespace("self");
    Optional<Path> theirs = mountNamespace(String.valueOf(parent.getAsLong()));
    return mine.isPresent() && theirs.isPresent() && !mine.equals(theirs);
  }

  private static Optional<Path> mountNamespace(String pid) {
    try {
      return Optional.of(Files.readSymbolicLink(Path.of("/proc", pid, "ns", "mnt")));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** Field {@code index} (1-based, after the key) of line {@code key} of /proc/self/status. */
  private static OptionalLong statusField(String key, int index) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith(key)) {
          String[] fields = line.substring(key.length()).trim().split("\\s+");
          return OptionalLong.of(Long.parseLong(fields[index - 1]));
        }
      }
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
