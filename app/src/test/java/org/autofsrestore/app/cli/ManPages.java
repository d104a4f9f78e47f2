package org.autofsrestore.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes a man page (AsciiDoc, picocli's ManPageGenerator) for the root command and every
 * subcommand into a directory: the build runs it into app/target/man at package time.
 */
public final class ManPages {
  private ManPages() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ManPages DIR");
    }
    write(Path.of(args[0]));
  }

  static void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    int status =
        ManPageGenerator.generateManPage(
            dir.toFile(), null, new boolean[0], true, RootCommand.everyCommand().getCommandSpec());
    if (status != 0) {
      throw new IOException(
          "ManPageGenerator failed with status " + status + " writing into " + dir);
    }
  }
}
