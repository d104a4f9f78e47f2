package org.autofsrestore.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.autofsrestore.app.testing.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** What a newcomer meets first: root help, --version, the completion script and the man pages. */
class HelpAndToolingTest {
  /** A line of the root help's command list: two spaces, the name, its header. */
  private static final Pattern COMMAND_LINE = Pattern.compile("^  (\\S+)\\s+(.*)$");

  @Test
  void rootHelpListsEveryVisibleSubcommandWithOneWholeSentence() {
    CommandRun run = CommandRun.of("--help");
    assertEquals(ExitStatus.OK, run.status(), run.err());
    String commands = run.out().substring(run.out().indexOf("Commands:"));
    commands = commands.substring(0, commands.indexOf("\n\n") + 1);
    List<String> listed = new ArrayList<>();
    for (String line : commands.split("\n")) {
      if (line.equals("Commands:")) {
        continue;
      }
      Matcher m = COMMAND_LINE.matcher(line);
      assertTrue(m.matches(), "a line of the list that is no command of its own: " + line);
      String sentence = m.group(2);
      assertTrue(
          sentence.matches("[A-Z].*[.)]"), "not one whole sentence: " + m.group(1) + ": " + line);
      listed.add(m.group(1));
    }
    assertEquals(
        List.of("inspect", "diff", "repair", "plan", "restore", "undo", "tui", "completion"),
        listed);
    assertEquals(visibleSubcommands(), listed);
  }

  /** The subcommands help lists (screenshots and generate are the developers' and hidden). */
  private static List<String> visibleSubcommands() {
    return RootCommand.everyCommand().getSubcommands().values().stream()
        .map(CommandLine::getCommandSpec)
        .filter(s -> !s.usageMessage().hidden())
        .map(CommandSpec::name)
        .toList();
  }

  @Test
  void everyCommandsHeaderAndDescriptionAreWholeSentencesOneToALine() {
    for (CommandLine cli : RootCommand.everyCommand().getSubcommands().values()) {
      CommandSpec spec = cli.getCommandSpec();
      List<String> text = new ArrayList<>(List.of(spec.usageMessage().header()));
      text.addAll(List.of(spec.usageMessage().description()));
      assertEquals(2, text.size(), spec.name() + ": one header and one description paragraph");
      for (String paragraph : text) {
        assertTrue(paragraph.matches("[A-Z].*[.)]"), spec.name() + ": " + paragraph);
      }
    }
  }

  @Test
  void versionNamesTheVersionAndTheCommitItWasBuiltFrom() {
    CommandRun run = CommandRun.of("--version");
    assertEquals(ExitStatus.OK, run.status(), run.err());
    BuildInfo build = BuildInfo.ofThisJar();
    assertTrue(build.knowsCommit(), "this test runs from a git checkout: " + build);
    assertTrue(
        run.out().matches("autofs-restore \\d+\\.\\d+\\.\\d+\\S* \\(commit [0-9a-f]{40}.*\\)\\n"),
        run.out());
    assertTrue(run.out().contains(build.commit()), run.out());
  }

  @Test
  void aBuildWithoutItsCommitSaysSoInsteadOfPrintingAPlaceholder() {
    BuildInfo outside = new BuildInfo("0.1.0", "${git.commit.id}", false);
    assertEquals(
        "autofs-restore 0.1.0 (commit unknown: built outside a git checkout)", outside.line());
  }

  @Test
  void theBashCompletionScriptParsesAndCompletesEveryCommandAndItsOptions(@TempDir Path dir)
      throws Exception {
    CommandRun run = CommandRun.of("completion", "bash");
    assertEquals(ExitStatus.OK, run.status(), run.err());
    for (String name : visibleSubcommands()) {
      assertTrue(run.out().contains(name), name);
    }
    assertTrue(run.out().contains("--owner") && run.out().contains("--journal"), run.out());
    Path script = Files.writeString(dir.resolve("autofs-restore.bash"), run.out());
    // compopt works only inside a real completion; outside one it is a no-op stand-in.
    String words =
        bash(
            "source "
                + script
                + "; compopt() { :; }; COMP_WORDS=(autofs-restore pl); COMP_CWORD=1;"
                + " COMP_LINE='autofs-restore pl'; COMP_POINT=${#COMP_LINE};"
                + " _complete_autofs-restore; echo ${COMPREPLY[@]}");
    assertEquals("plan", words.strip());
  }

  @Test
  void theZshCompletionScriptLoadsBashCompletionSupport() {
    CommandRun run = CommandRun.of("completion", "zsh");
    assertEquals(ExitStatus.OK, run.status(), run.err());
    assertTrue(run.out().contains("bashcompinit"), run.out());
    assertEquals(ExitStatus.USAGE, CommandRun.of("completion", "fish").status());
  }

  @Test
  void aManPageIsWrittenForTheRootAndEveryVisibleSubcommand(@TempDir Path dir) throws Exception {
    ManPages.write(dir);
    assertTrue(Files.readString(dir.resolve("autofs-restore.adoc")).contains("inspect"));
    for (String name : visibleSubcommands()) {
      Path page = dir.resolve("autofs-restore-" + name + ".adoc");
      assertTrue(Files.isRegularFile(page), "no man page " + page);
      assertTrue(Files.readString(page).contains("--help"), page.toString());
    }
  }

  private static String bash(String script) throws Exception {
    Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), "bash finished");
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
