package org.autofsrestore.app.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.autofsrestore.app.cli.Main;

/** One run of the real command line, in process, with what it printed. */
public record CommandRun(int status, String out, String err) {
  public static CommandRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CommandRun(status, out.toString(), err.toString());
  }
}
