package org.autofsrestore.app.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code completion bash|zsh}: a completion script of every command and option. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    header = "Prints a bash or zsh completion script for this tool.",
    description =
        "Prints a script that completes this tool's commands and options: for bash,"
            + " source <(autofs-restore completion bash); for zsh, the same with zsh (it loads"
            + " bashcompinit).")
public final class CompletionCommand implements Callable<Integer> {
  /** The shells the script is for; picocli writes one script that serves both. */
  enum Shell {
    bash,
    zsh
  }

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("autofs-restore", RootCommand.everyCommand());
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return ExitStatus.OK;
  }
}
