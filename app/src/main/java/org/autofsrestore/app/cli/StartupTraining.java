package org.autofsrestore.app.cli;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.autofsrestore.app.criulog.CriuLogInspection;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.restore.HostSystem;
import org.autofsrestore.app.restore.OwnerMode;
import org.autofsrestore.app.restore.Planner;
import org.autofsrestore.app.tui.TuiLauncher;
import org.autofsrestore.ui.UiOptions;
import org.autofsrestore.ui.render.Screenshots;

/**
 * What an operator runs, done once on the bundled demo dump so that the JVM can list the classes it
 * loads: ./autofs-restore archives them (class-data sharing) after each build, and every later
 * start maps them instead of reading, parsing and verifying them from the jar. Changes nothing:
 * output goes nowhere, the UI draws on a virtual terminal, the restore is the UI's dry run, and the
 * checkpoint archive inspected (Podman's shape, zstd) is made of the demo dump in a temporary
 * directory, removed after.
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws Exception {
    Path demoDump = DemoDump.directory();
    String demo = demoDump.toString();
    Path scratch = Files.createTempDirectory("autofs-restore-training");
    try {
      Path archive = podmanArchive(demoDump, scratch.resolve("checkpoint.tar.zst"));
      // The archive path: the tar reader, zstd, the metadata's JSON (issue 14: without them in
      // the class-data archive, an inspection of an archive loaded some 250 classes from the jar).
      train(List.of(List.of("inspect", "--json", archive.toString())));
    } finally {
      removeTree(scratch);
    }
    train(
        List.of(
            List.of("plan", demo, "--root", "/nonexistent", "--mkdir", "--json"),
            List.of("plan", demo, "--root", "/nonexistent", "--mkdir"),
            List.of("inspect", "--json", demo),
            List.of("inspect", demo),
            // Every command's model (help), and the UI's own refusal of a non-terminal.
            List.of("--help"),
            List.of("--version"),
            List.of("tui", demo)));
    TuiLauncher.Session session =
        TuiLauncher.session(
            CriuLogInspection.inspect(DumpLoader.load(demoDump)),
            new Planner.Options(
                Path.of("/nonexistent"), List.of(), OwnerMode.HANDOFF, true, 0, false),
            new TuiLauncher.Flags(false, false, false, false, false),
            HostSystem::new,
            LogSetup.logFile());
    try {
      // A cursor move, a mount's details, and the dry-run stepper through its steps.
      Screenshots.drive(
          session.model(),
          session.controller(),
          UiOptions.defaults(),
          120,
          40,
          "j<Enter><Esc>rnnnnnnnn<Esc>?<Esc>",
          Duration.ofSeconds(10));
    } finally {
      session.controller().close();
    }
  }

  private static void train(List<List<String>> commands) {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    for (List<String> command : commands) {
      String[] line = new String[command.size() + 2];
      line[0] = "--log-file";
      line[1] = "/dev/null";
      for (int i = 0; i < command.size(); i++) {
        line[i + 2] = command.get(i);
      }
      Main.run(line, nowhere, nowhere);
    }
  }

  /**
   * A zstd tar of {@code images} as Podman exports one: checkpoint/, config.dump, spec.dump (the
   * container named "training"). Public for the Debian package's test, which inspects one.
   */
  public static Path podmanArchive(Path images, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new ZstdOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      List<Path> files;
      try (Stream<Path> list = Files.list(images)) {
        files = list.sorted().toList();
      }
      for (Path image : files) {
        put(tar, "checkpoint/" + image.getFileName(), Files.readAllBytes(image));
      }
      put(
          tar,
          "config.dump",
          "{\"id\":\"0123456789ab\",\"name\":\"training\",\"checkpointedTime\":\"2026-01-01T00:00:00Z\"}"
              .getBytes(StandardCharsets.UTF_8));
      put(
          tar,
          "spec.dump",
          "{\"annotations\":{\"io.container.manager\":\"libpod\"}}"
              .getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static void removeTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
