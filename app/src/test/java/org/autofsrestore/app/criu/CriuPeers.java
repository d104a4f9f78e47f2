package org.autofsrestore.app.criu;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.autofsrestore.kernel.PosixCall;
import org.autofsrestore.kernel.linux.LinuxKernel;
import org.autofsrestore.kernel.probe.MountInfo;
import org.autofsrestore.kernel.probe.MountTable;
import org.autofsrestore.testkit.Prerequisites;

/**
 * What {@link CriuDumpOfAutomountOnTheRealKernelTest} does with the real peers: the maps it gives
 * automount, the processes it starts and waits for, and {@code criu restore} of the dump,
 * classified.
 */
final class CriuPeers {
  private Outcome criuRestore = new Outcome("not run", "");

  /** What criu's own restore of the dump gave, and the log lines or answers that show it. */
  record Outcome(String result, String evidence) {
    String describe() {
      return result + (evidence.isEmpty() ? "" : "\n" + evidence.indent(4));
    }
  }

  /** A finished (or, status -1, timed-out and killed) command and what it printed. */
  record Run(int status, String output) {}

  /** Skips outside CI, fails in CI, unless criu, automount and nsenter are installed. */
  void require() {
    Prerequisites.requireAutomount();
    for (String tool : List.of("/usr/sbin/criu", "/usr/bin/unshare", "/usr/bin/nsenter")) {
      Prerequisites.require(
          Files.isExecutable(Path.of(tool)),
          "needs " + tool + " (scripts/install-test-peers installs criu; util-linux has the rest)");
    }
  }

  static Path script() throws URISyntaxException {
    return Path.of(CriuPeers.class.getResource("automount-tree.sh").toURI());
  }

  /** The maps inside the dumped tree, and the data its bind mounts would serve. */
  void writeMapsAndData(Path stage, Path data) throws IOException {
    Path etc = Files.createDirectories(stage.resolve("etc"));
    Files.writeString(
        etc.resolve("auto.master"),
        "/srv/ind /etc/auto.ind --timeout=300\n/- /etc/auto.direct --timeout=120\n");
    Files.writeString(
        etc.resolve("auto.ind"),
        "hello -fstype=bind :/data/hello\n"
            + "multi /a -fstype=bind :/data/a /b -fstype=bind :/data/b\n");
    Files.writeString(etc.resolve("auto.direct"), "/srv/direct -fstype=bind :/data/direct\n");
    for (Path d : List.of(stage.resolve("data"), data)) {
      Files.createDirectories(d.resolve("a"));
      Files.createDirectories(d.resolve("b"));
      Files.writeString(Files.createDirectories(d.resolve("hello")).resolve("file"), "served\n");
      Files.writeString(Files.createDirectories(d.resolve("direct")).resolve("file"), "direct\n");
    }
  }

  /** The same maps for the mounts restored under {@code root}, served from {@code data}. */
  Path writeMapsFor(Path work, Path root, Path data) throws IOException {
    Path ind = work.resolve("after.ind");
    Files.writeString(
        ind,
        "hello -fstype=bind :"
            + data.resolve("hello")
            + "\nmulti /a -fstype=bind :"
            + data.resolve("a")
            + " /b -fstype=bind :"
            + data.resolve("b")
            + "\n");
    Path direct = work.resolve("after.direct");
    Files.writeString(direct, root + "/srv/direct -fstype=bind :" + data.resolve("direct") + "\n");
    Path master = work.resolve("after.master");
    Files.writeString(
        master,
        root + "/srv/ind file:" + ind + " --timeout=300\n/- file:" + direct + " --timeout=120\n");
    return master;
  }

  /**
   * A command run inside the pid and mount namespaces of the tree whose pid 1 is {@code pid}: the
   * kernel answers ENOENT at once to a lookup by a process its daemon's pid namespace cannot see.
   */
  static List<String> inTree(long pid, String... command) {
    List<String> c = new ArrayList<>(List.of("nsenter", "-t", "" + pid, "-p", "-m", "-r", "-w"));
    c.addAll(List.of(command));
    return c;
  }

  static ProcessHandle awaitChild(ProcessHandle parent, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      var child = parent.children().findFirst();
      if (child.isPresent()) {
        return child.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("pid " + parent.pid() + " started no child in " + seconds + " s");
  }

  /** Waits until the mount namespace of {@code pid} shows {@code count} autofs mounts. */
  static void awaitAutofsMounts(long pid, int count, long seconds, Path log) throws Exception {
    Path mountinfo = Path.of("/proc/" + pid + "/mountinfo");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    int seen = -1;
    while (System.nanoTime() < deadline) {
      try {
        seen =
            (int)
                Files.readAllLines(mountinfo).stream()
                    .filter(l -> l.contains(" - autofs "))
                    .count();
      } catch (IOException gone) {
        break;
      }
      if (seen >= count) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "the tree shows "
            + seen
            + " autofs mounts, not "
            + count
            + "\ntree: "
            + (Files.exists(log) ? Files.readString(log) : "")
            + log(pid));
  }

  /** automount's log in the tree of {@code pid}, for a failure's message. */
  static String log(long pid) {
    try {
      return "\nautomount's log:\n"
          + Files.readString(Path.of("/proc/" + pid + "/root/var/log/automount.log"));
    } catch (IOException e) {
      return "\n(no automount log: " + e + ")";
    }
  }

  static Run run(List<String> command, long seconds) throws IOException, InterruptedException {
    Path out = Files.createTempFile("criu-peer", ".out");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      boolean finished = p.waitFor(seconds, TimeUnit.SECONDS);
      if (!finished) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      return new Run(finished ? p.exitValue() : -1, Files.readString(out));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** The Error and Warn lines of a CRIU log, and its last lines. */
  static String errors(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(no " + log + ")";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    List<String> picked = new ArrayList<>();
    for (String l : lines) {
      if (l.contains("Error") || l.contains("Warn") || l.contains("autofs")) {
        picked.add(l);
      }
    }
    picked.addAll(lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    return String.join("\n", picked.subList(Math.max(0, picked.size() - 40), picked.size()));
  }

  /**
   * {@code criu restore} of the dump, detached; then one lookup of a map key through the restored
   * indirect mount, from outside the restored automount's process group: working, hanging (the
   * restored automount ignores requests for a mount with a new device number), or failing.
   */
  Outcome criuRestore(Path dump, long seconds) throws Exception {
    Path pidFile = dump.resolveSibling("criu-restored.pid");
    Run restore =
        run(
            List.of(
                "criu",
                "restore",
                "-D",
                dump.toString(),
                "-o",
                "restore.log",
                "-v4",
                "--restore-detached",
                "--pidfile",
                pidFile.toString()),
            seconds);
    Path log = dump.resolve("restore.log");
    if (restore.status() != 0) {
      criuRestore = new Outcome("criu restore failed (exit " + restore.status() + ")", errors(log));
      return criuRestore;
    }
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    try {
      long autofs =
          Files.readAllLines(Path.of("/proc/" + pid + "/mountinfo")).stream()
              .filter(l -> l.contains(" - autofs "))
              .count();
      Run lookup = run(inTree(pid, "cat", "/srv/ind/hello/file"), 60);
      String seen = autofs + " autofs mounts restored; lookup of /srv/ind/hello/file: ";
      if (lookup.status() == 0 && lookup.output().contains("served")) {
        criuRestore = new Outcome("restored and working", seen + "served");
      } else if (lookup.status() == -1) {
        criuRestore = new Outcome("restored, but lookups hang", seen + "no answer in 60 s");
      } else {
        criuRestore =
            new Outcome(
                "restored, but lookups fail",
                seen + "exit " + lookup.status() + ": " + lookup.output());
      }
    } finally {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // pid 1: its whole pid ns
    }
    return criuRestore;
  }

  Outcome criuRestoreOutcome() {
    return criuRestore;
  }

  static void unmountBelow(Path dir) throws IOException {
    try (LinuxKernel kernel = new LinuxKernel()) {
      List<MountInfo> under = MountTable.readSelf().under(dir.toString());
      for (int i = under.size() - 1; i >= 0; i--) {
        kernel.run(new PosixCall.Umount(under.get(i).mountPoint(), PosixCall.Umount.MNT_DETACH));
      }
    }
  }

  /** The side-by-side result, into the module's target folder (kept with the test reports). */
  static void report(Path work, String ours, Outcome criu) throws IOException {
    String table =
        "| restore of the same criu 3.17 dump (kernel "
            + System.getProperty("os.version")
            + ") | result |\n|---|---|\n| autofs-restore restore --owner handoff | "
            + ours
            + " |\n| criu restore | "
            + criu.result()
            + " |\n\ncriu restore evidence:\n\n```\n"
            + criu.evidence()
            + "\n```\n";
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/criu-restore-comparison.md"), table);
    System.out.println(table);
  }
}
