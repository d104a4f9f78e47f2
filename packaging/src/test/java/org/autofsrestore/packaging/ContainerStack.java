package org.autofsrestore.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;

/**
 * One boot of Debian's 6.12 kernel into a Debian 13 root with the real container stack (criu 4.1.1,
 * autofs 5.1.9, podman 5.4, crun, checkpointctl) and this project's package installed the way an
 * operator installs it; the guest runs {@code container-stack.sh}, which records facts (mountinfo,
 * automount's fds, logs, each lookup's outcome) into {@code /srv/stack/out} of the root. The Podman
 * and Repair tests share the boot (about 10 minutes under software emulation) and judge what it
 * recorded.
 */
final class ContainerStack {
  /**
   * The stack itself (crun needs libcriu2 to checkpoint and Debian's crun does not pull it in; CRIU
   * runs ip from iproute2 to dump a network namespace, even --network none's), and what the guest
   * script uses besides the package.
   */
  static final String PACKAGES =
      "criu libcriu2 iproute2 autofs podman crun conmon checkpointctl busybox-static zstd procps";

  static final Path SCRIPT =
      InstalledRoots.REPO.resolve(
          "packaging/src/test/resources/org/autofsrestore/packaging/stack/container-stack.sh");

  /** The process tree CriuDumpOfAutomountOnTheRealKernelTest dumps with criu 3.17, reused. */
  static final Path TREE_SCRIPT =
      InstalledRoots.REPO.resolve(
          "app/src/test/resources/org/autofsrestore/app/criu/automount-tree.sh");

  /** A lookup the guest made: when (after which restore), of which file, and what happened. */
  record Lookup(String when, String path, String verdict, String detail) {}

  /** What the boot left: the root, its output folder, the facts and lookups it recorded. */
  record Recorded(
      Path root, Path out, Map<String, String> facts, List<Lookup> lookups, Duration took) {
    Path file(String name) {
      return out.resolve(name);
    }

    String read(String name) throws IOException {
      Path f = file(name);
      return Files.exists(f) ? Files.readString(f) : "";
    }

    Optional<String> fact(String name) {
      return Optional.ofNullable(facts.get(name));
    }

    /** The verdict of the lookup of {@code path} made {@code when}, or "not made". */
    String verdict(String when, String path) {
      return lookups.stream()
          .filter(l -> l.when().equals(when) && l.path().equals(path))
          .map(Lookup::verdict)
          .reduce((a, b) -> b)
          .orElse("not made");
    }

    /** Everything the guest logged, for a failure's message. */
    String log() throws IOException {
      String all = read("stack.log");
      return all.length() <= 6000 ? all : "..." + all.substring(all.length() - 6000);
    }
  }

  private static CompletableFuture<Recorded> booting;

  private ContainerStack() {}

  /**
   * Starts the boot on a thread of its own, so that its ten minutes of one core run beside the
   * package test's installs; at the JVM's exit whatever it started is stopped (kernel-vm stops its
   * qemu on SIGTERM).
   */
  static synchronized void startInBackground() {
    if (booting != null) {
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
    booting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return boot();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
              }
            },
            Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "container-stack");
                  t.setDaemon(true);
                  return t;
                }));
  }

  static Recorded recorded() throws IOException {
    startInBackground();
    try {
      return booting.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof AssertionError failed) {
        throw failed;
      }
      throw new IOException("the container stack's boot failed: " + e.getCause(), e.getCause());
    }
  }

  private static Recorded boot() throws IOException, InterruptedException {
    InstalledRoots.Installed installed =
        InstalledRoots.installed("trixie-stack", "trixie", PACKAGES);
    Path root = installed.root();
    Path in = Files.createDirectories(root.resolve("srv/stack-in"));
    Files.copy(SCRIPT, in.resolve("container-stack.sh"));
    Files.copy(TREE_SCRIPT, in.resolve("automount-tree.sh"));
    Run vm =
        Run.in612Vm(
            InstalledRoots.REPO,
            root,
            Duration.ofMinutes(40),
            "/bin/bash",
            "/srv/stack-in/container-stack.sh",
            "/srv/stack/out",
            "/srv/stack-in/automount-tree.sh");
    System.out.printf("the container stack's boot took %d s%n", vm.took().toSeconds());
    assertEquals(0, vm.exit(), vm.describe());
    Path out = root.resolve("srv/stack/out");
    return new Recorded(root, out, facts(out), lookups(out), vm.took());
  }

  private static Map<String, String> facts(Path out) throws IOException {
    Map<String, String> facts = new LinkedHashMap<>();
    Path f = out.resolve("facts.txt");
    if (Files.exists(f)) {
      for (String line : Files.readAllLines(f)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          facts.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    }
    return facts;
  }

  private static List<Lookup> lookups(Path out) throws IOException {
    List<Lookup> lookups = new ArrayList<>();
    Path f = out.resolve("lookups.tsv");
    if (Files.exists(f)) {
      for (String line : Files.readAllLines(f)) {
        String[] cols = line.split("\t", 4);
        if (cols.length == 4) {
          lookups.add(new Lookup(cols[0], cols[1], cols[2], cols[3]));
        }
      }
    }
    return lookups;
  }
}
