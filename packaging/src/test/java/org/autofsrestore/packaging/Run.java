package org.autofsrestore.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A finished command: its exit status, what it printed on each stream, and how long it took. */
record Run(List<String> command, int exit, String out, String err, Duration took) {

  /**
   * Runs {@code command} with stdin from /dev/null and both outputs into files (no pipe to fill and
   * block it), killed after {@code limit}.
   */
  static Run of(Duration limit, List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("package-test-", ".out");
    Path err = Files.createTempFile("package-test-", ".err");
    try {
      long start = System.nanoTime();
      Process p =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
        throw new AssertionError(
            command + " did not end within " + limit + "; it printed:\n" + read(out) + read(err));
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return new Run(List.copyOf(command), p.exitValue(), read(out), read(err), took);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static Run of(Duration limit, String... command) throws IOException, InterruptedException {
    return of(limit, List.of(command));
  }

  /** {@code command} as root in the Debian root {@code root} (packaging/in-root). */
  static Run inRoot(Path repo, Path root, Duration limit, String... command)
      throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    line.add(repo.resolve("packaging/in-root").toString());
    line.add(root.toString());
    line.addAll(List.of(command));
    return of(limit, line);
  }

  /** {@code command} in one boot of Debian's 6.12 kernel whose root filesystem is {@code root}. */
  static Run in612Vm(Path repo, Path root, Duration limit, String... command)
      throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    line.add(repo.resolve("scripts/kernel-vm").toString());
    line.addAll(
        List.of(
            "--kernel", "6.12", "--root", root.toString(), "--timeout", "" + limit.toSeconds()));
    line.add("--");
    line.addAll(List.of(command));
    return of(limit.plusMinutes(1), line);
  }

  /** This run, which must have exited 0; else an error naming the command and its output. */
  Run ok() {
    if (exit != 0) {
      throw new AssertionError(describe());
    }
    return this;
  }

  String describe() {
    return String.join(" ", command)
        + " exited "
        + exit
        + "\n--- stdout ---\n"
        + tail(out)
        + "\n--- stderr ---\n"
        + tail(err);
  }

  private static String tail(String text) {
    return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }
}
