package org.autofsrestore.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --proc-root DIR}, a picocli mixin of the commands that read /proc (inspect --live, diff,
 * repair): hidden, for tests that give a crafted /proc tree.
 */
final class ProcRootOption {
  @Option(names = "--proc-root", hidden = true, paramLabel = "DIR")
  Path procRoot = Path.of("/proc");
}
