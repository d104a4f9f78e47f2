package org.autofsrestore.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.autofsrestore.kernel.PosixCall;
import org.autofsrestore.kernel.linux.LinuxKernel;
import picocli.CommandLine;

/**
 * {@code --sandbox}: the same command again, in a new private mount namespace, restoring onto a
 * fresh tmpfs. A rehearsal with real system calls that changes nothing on the host; the namespace
 * and all it holds go away when the command ends.
 */
final class Sandbox {
  private Sandbox() {}

  /** The options of commands that can run in a sandbox. */
  static final class Choice {
    @picocli.CommandLine.Option(
        names = "--sandbox",
        description = "Run in a new private mount namespace on a fresh tmpfs root.")
    boolean sandbox;

    /** Set by {@link #reexec}: this run is the one inside the namespace, on this directory. */
    @picocli.CommandLine.Option(names = "--in-sandbox", hidden = true, paramLabel = "DIR")
    Path inSandbox;
  }

  /**
   * Runs this command line again under unshare, with {@code --in-sandbox DIR}; returns its exit
   * status. DIR is made here and removed afterwards: the tmpfs on it lived only in the namespace.
   */
  static int reexec(CommandLine cli) throws IOException, InterruptedException {
    return reexec(cli.getParseResult().originalArgs());
  }

  /** As {@link #reexec(CommandLine)}, for a command line given as arguments. */
  static int reexec(List<String> args) throws IOException, InterruptedException {
    Path root = Files.createTempDirectory("autofs-restore-sandbox-");
    try {
      return run(args, root);
    } finally {
      Files.deleteIfExists(root);
    }
  }

  private static int run(List<String> args, Path root) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("unshare");
    command.add("--mount");
    command.add("--propagation");
    command.add("private");
    command.add("--");
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmFlags());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    boolean marked = false;
    for (String arg : args) {
      if (arg.equals("--sandbox")) {
        command.add("--in-sandbox");
        command.add(root.toString());
        marked = true;
      } else {
        command.add(arg);
      }
    }
    if (!marked) {
      command.add("--in-sandbox");
      command.add(root.toString());
    }
    Process p = new ProcessBuilder(command).inheritIO().start();
    return p.waitFor();
  }

  /**
   * This JVM's own flags (heap, collector, class-data archive): the run inside the namespace starts
   * the same way this one did. They are the arguments before the class path or the jar.
   */
  static List<String> jvmFlags() {
    String[] args = ProcessHandle.current().info().arguments().orElse(new String[0]);
    List<String> flags = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("-jar")
          || arg.equals("-cp")
          || arg.equals("-classpath")
          || !arg.startsWith("-")) {
        break;
      }
      if (!arg.startsWith("-XX:ArchiveClassesAtExit")) {
        flags.add(arg);
      }
    }
    return flags;
  }

  /** Inside the new namespace: a fresh tmpfs root; says how to look into it while it runs. */
  static Path enter(Path root, PrintWriter out) {
    try {
      try (LinuxKernel kernel = new LinuxKernel()) {
        kernel.run(new PosixCall.Mount("tmpfs", root.toString(), "tmpfs", 0, "mode=0755"));
      }
      long pid = ProcessHandle.current().pid();
      out.println(
          "SANDBOX: private mount namespace, tmpfs root "
              + root
              + "; look inside while it runs: nsenter --mount=/proc/"
              + pid
              + "/ns/mnt");
      out.flush();
      return root;
    } catch (org.autofsrestore.kernel.KernelException e) {
      throw new IllegalArgumentException("cannot mount the sandbox root: " + e.getMessage(), e);
    }
  }
}
