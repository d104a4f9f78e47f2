package org.autofsrestore.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.autofsrestore.app.cli.StartupTraining;
import org.autofsrestore.testkit.Fixtures;

/**
 * Copies of clean Debian roots (scripts/debian-root, cached) with the package installed the way an
 * operator installs it: {@code apt-get install ./autofs-restore_*.deb}, which brings in only what
 * the package declares. One per release and test JVM, in packaging/target/roots/RELEASE; each
 * holds, in /srv/fixtures, two fixtures and a zstd checkpoint archive of one, and in /srv/checkout
 * the checkout's jar to compare with.
 */
final class InstalledRoots {
  /** What the test itself runs in the roots; none of it is a dependency of the package. */
  static final String TEST_TOOLS = "man-db bash-completion";

  static final Path REPO = Path.of(System.getProperty("autofs.restore.repo"));
  static final Path TARGET = Path.of(System.getProperty("autofs.restore.deb.dir"));
  static final Path CHECKOUT_JAR = Path.of(System.getProperty("autofs.restore.app.jar"));

  /** One installed root: where it is, the package file, and what the installation cost. */
  record Installed(String release, Path root, String debInRoot, Duration install, long addedKib) {
    Run run(Duration limit, String... command) throws IOException, InterruptedException {
      return Run.inRoot(REPO, root, limit, command);
    }
  }

  private static final Map<String, Installed> installed = new ConcurrentHashMap<>();
  private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();

  private InstalledRoots() {}

  /** The package file the build wrote (exactly one). */
  static Path deb() throws IOException {
    try (Stream<Path> files = Files.list(TARGET)) {
      List<Path> debs =
          files
              .filter(f -> f.getFileName().toString().matches("autofs-restore_.*_amd64\\.deb"))
              .toList();
      assertEquals(1, debs.size(), "one autofs-restore_*_amd64.deb in " + TARGET + ": " + debs);
      return debs.get(0);
    }
  }

  static Installed of(String release) throws IOException, InterruptedException {
    return installed(release, release, TEST_TOOLS);
  }

  /**
   * The package installed into a copy (target/roots/NAME) of a clean RELEASE root that has {@code
   * packages} besides: made once per test JVM.
   */
  static Installed installed(String name, String release, String packages)
      throws IOException, InterruptedException {
    // One lock per root: the container stack's installs on a thread of its own meanwhile.
    synchronized (LOCKS.computeIfAbsent(name, n -> new Object())) {
      Installed done = installed.get(name);
      if (done == null) {
        done = install(name, release, packages);
        installed.put(name, done);
      }
      return done;
    }
  }

  private static Installed install(String name, String release, String packages)
      throws IOException, InterruptedException {
    Run base =
        Run.of(
                Duration.ofMinutes(30),
                REPO.resolve("scripts/debian-root").toString(),
                "--release",
                release,
                "--packages",
                packages)
            .ok();
    Path clean = Path.of(base.out().strip().lines().reduce((a, b) -> b).orElseThrow());
    Path root = TARGET.resolve("roots").resolve(name);
    Files.createDirectories(root.getParent());
    Run.of(Duration.ofMinutes(5), "rm", "-rf", "--one-file-system", root.toString()).ok();
    Run.of(Duration.ofMinutes(10), "cp", "-a", "--reflink=auto", clean.toString(), root.toString())
        .ok();

    Path fixtures = Files.createDirectories(root.resolve("srv/fixtures"));
    for (String fixture : List.of("multi", "indirect")) {
      Run.of(
              Duration.ofMinutes(1),
              "cp",
              "-a",
              Fixtures.dir(fixture).toString(),
              fixtures.toString())
          .ok();
    }
    StartupTraining.podmanArchive(Fixtures.dir("multi"), fixtures.resolve("checkpoint.tar.zst"));
    Path checkout = Files.createDirectories(root.resolve("srv/checkout"));
    Files.copy(CHECKOUT_JAR, checkout.resolve("app.jar"));
    Path deb = deb();
    Files.copy(deb, root.resolve("tmp").resolve(deb.getFileName()));
    String debInRoot = "/tmp/" + deb.getFileName();

    Installed probe = new Installed(release, root, debInRoot, Duration.ZERO, 0);
    long before = usedKib(probe);
    probe.run(Duration.ofMinutes(10), "apt-get", "update", "-qq").ok();
    Run install = aptInstall(probe);
    long added = usedKib(probe) - before;
    System.out.printf(
        "%s: apt-get install ./%s took %d s and added %d KiB%n",
        release, deb.getFileName(), install.took().toSeconds(), added);
    return new Installed(release, root, debInRoot, install.took(), added);
  }

  /** {@code apt-get install ./the.deb}, as an operator types it (Recommends included). */
  static Run aptInstall(Installed root) throws IOException, InterruptedException {
    return root.run(
            Duration.ofMinutes(20),
            "env",
            "DEBIAN_FRONTEND=noninteractive",
            "apt-get",
            "install",
            "-y",
            "-q",
            root.debInRoot())
        .ok();
  }

  private static long usedKib(Installed root) throws IOException, InterruptedException {
    String du = root.run(Duration.ofMinutes(2), "du", "-skx", "/").ok().out();
    return Long.parseLong(du.strip().split("\\s+")[0]);
  }
}
