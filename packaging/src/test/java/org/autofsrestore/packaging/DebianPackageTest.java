package org.autofsrestore.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.autofsrestore.packaging.InstalledRoots.Installed;
import org.autofsrestore.testkit.Prerequisites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The package the build just wrote, installed as an operator installs it into clean Debian 12 and
 * 13 roots (InstalledRoots), and used there as the operator would: every check runs the installed
 * /usr/bin/autofs-restore, man and bash of the root, never the checkout. Runs after package
 * (packaging/pom.xml, integration-test), as root: debootstrap, chroot and apt need it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianPackageTest {
  private static final Duration SHORT = Duration.ofMinutes(3);
  private static final List<String> COMMANDS =
      List.of("inspect", "diff", "plan", "restore", "undo", "tui", "completion");

  @BeforeAll
  static void needsRootOnX86_64Linux() {
    Prerequisites.requireX86_64Linux();
    Prerequisites.requireRoot();
    Prerequisites.require(
        Prerequisites.onPath("unshare") && Prerequisites.onPath("chroot"),
        "needs unshare and chroot (Debian package util-linux, coreutils)");
    ContainerStack.startInBackground(); // the Podman and Repair tests' boot, meanwhile
  }

  @Order(1)
  @ParameterizedTest(name = "Debian {0}")
  @ValueSource(strings = {"bookworm", "trixie"})
  void versionNamesTheCommitTheCheckoutsJarWasBuiltFrom(String release) throws Exception {
    Installed root = InstalledRoots.of(release);
    String checkout =
        Run.of(SHORT, "java", "-jar", InstalledRoots.CHECKOUT_JAR.toString(), "--version")
            .ok()
            .out();
    assertTrue(
        Pattern.compile("commit [0-9a-f]{40}").matcher(checkout).find(),
        "the checkout's jar names its commit: " + checkout);
    Run installed = root.run(SHORT, "autofs-restore", "--version").ok();
    assertEquals(checkout, installed.out());
    assertEquals("", installed.err(), "nothing on stderr (no JVM warning)");
  }

  @Order(2)
  @ParameterizedTest(name = "Debian {0}")
  @ValueSource(strings = {"bookworm", "trixie"})
  void inspectOfFixturesAndOfAZstdArchivePrintsWhatTheCheckoutsJarPrints(String release)
      throws Exception {
    Installed root = InstalledRoots.of(release);
    for (String dump :
        List.of(
            "/srv/fixtures/multi", "/srv/fixtures/indirect", "/srv/fixtures/checkpoint.tar.zst")) {
      for (List<String> args :
          List.of(List.of("inspect", dump), List.of("inspect", "--json", dump))) {
        Run pkg = root.run(SHORT, command(List.of("autofs-restore"), args));
        Run jar = root.run(SHORT, command(List.of("java", "-jar", "/srv/checkout/app.jar"), args));
        assertEquals(jar.exit(), pkg.exit(), "exit status of " + args + "\n" + pkg.describe());
        assertTrue(pkg.exit() <= 1, "inspect read the dump: " + pkg.describe());
        assertTrue(pkg.out().contains("autofs"), "inspect printed the mounts: " + pkg.describe());
        assertEquals(jar.out(), pkg.out(), "stdout of " + args);
        assertEquals("", pkg.err(), "nothing on stderr for " + args);
      }
    }
    assertTrue(
        root.run(SHORT, "autofs-restore", "inspect", "/srv/fixtures/checkpoint.tar.zst")
            .out()
            .contains("training"),
        "the archive's container is named");
  }

  @Order(3)
  @ParameterizedTest(name = "Debian {0}")
  @ValueSource(strings = {"bookworm", "trixie"})
  void manFindsAPageForEveryCommandAndRendersItWithoutWarnings(String release) throws Exception {
    Installed root = InstalledRoots.of(release);
    assertEquals(
        "/usr/share/man/man8/autofs-restore.8.gz\n",
        root.run(SHORT, "man", "-w", "autofs-restore").ok().out());
    List<String> pages = new ArrayList<>(List.of("autofs-restore"));
    COMMANDS.forEach(c -> pages.add("autofs-restore-" + c));
    for (String page : pages) {
      Run man = root.run(SHORT, "env", "MANWIDTH=80", "man", "--warnings", "8", page).ok();
      assertEquals("", man.err(), page + ": man and groff warn of nothing");
      for (String section :
          List.of("NAME", "SYNOPSIS", "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES")) {
        assertTrue(
            Pattern.compile("(?m)^" + section + "$").matcher(man.out()).find(),
            page + " has a section " + section + ":\n" + man.out());
      }
      assertTrue(man.out().contains("/var/cache/autofs-restore"), page + " names the cache");
    }
  }

  @Order(4)
  @ParameterizedTest(name = "Debian {0}")
  @ValueSource(strings = {"bookworm", "trixie"})
  void bashCompletionOffersTheSubcommandsAndTheOptionsOfRestore(String release) throws Exception {
    Installed root = InstalledRoots.of(release);
    // bash-completion's own loader finds the script by the command's name, as on a TAB.
    String script =
        String.join(
            "\n",
            "source /usr/share/bash-completion/bash_completion",
            "for loader in _comp_load __load_completion _completion_loader; do",
            "  declare -F $loader >/dev/null && { $loader autofs-restore; break; }",
            "done",
            "spec=$(complete -p autofs-restore) || exit 3",
            "func=$(sed -n 's/.* -F \\([^ ]*\\) .*/\\1/p' <<<\"$spec\")",
            "offer() {",
            "  COMP_LINE=\"$1\"; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<<\"$1\"",
            "  [[ $1 == *' ' ]] && COMP_WORDS+=('')",
            "  COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()",
            "  \"$func\" autofs-restore \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"",
            "  printf '%s\\n' \"${COMPREPLY[@]}\"",
            "}",
            "echo '== commands'; offer 'autofs-restore '",
            "echo '== restore'; offer 'autofs-restore restore --'");
    Run bash = root.run(SHORT, "bash", "-c", script).ok();
    String[] parts = bash.out().split("== restore\n", 2);
    Set<String> commands = words(parts[0]);
    Set<String> restoreOptions = words(parts[1]);
    assertTrue(commands.containsAll(COMMANDS), "subcommands offered: " + commands);
    assertTrue(
        restoreOptions.containsAll(
            List.of("--root", "--sandbox", "--journal", "--resume", "--owner", "--yes", "--json")),
        "restore's options offered: " + restoreOptions);
  }

  @Order(5)
  @Test
  void restoreSandboxOfAFixtureRunsFromTheInstalledPackageOnDebian13sKernel() throws Exception {
    Installed root = InstalledRoots.of("trixie");
    // One boot of Debian's 6.12 kernel with the trixie root as the guest's root filesystem.
    Run vm =
        Run.in612Vm(
            InstalledRoots.REPO,
            root.root(),
            Duration.ofMinutes(20),
            // The operator's environment, not this JVM's (its XDG_STATE_HOME is a host path).
            "/usr/bin/env",
            "-i",
            "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME=/root",
            "LANG=C.UTF-8",
            "/usr/bin/autofs-restore",
            "restore",
            "/srv/fixtures/multi",
            "--sandbox",
            "--yes",
            "--mkdir",
            "--no-wait");
    System.out.printf("restore --sandbox in the 6.12 VM took %d s%n", vm.took().toSeconds());
    assertEquals(0, vm.exit(), vm.describe());
    assertTrue(vm.out().contains("mountinfo") || vm.out().contains("autofs"), vm.describe());
  }

  @Order(6)
  @Test
  void lintianFindsNoErrorInThePackage() throws Exception {
    Prerequisites.require(
        Prerequisites.onPath("lintian"), "needs lintian (apt-get install lintian)");
    Run lintian =
        Run.of(
            Duration.ofMinutes(10),
            "lintian",
            "--fail-on",
            "error",
            InstalledRoots.deb().toString());
    System.out.println("lintian:\n" + lintian.out() + lintian.err());
    assertEquals(0, lintian.exit(), lintian.describe());
    assertTrue(lintian.out().lines().noneMatch(l -> l.startsWith("E:")), lintian.describe());
  }

  @Order(7)
  @ParameterizedTest(name = "Debian {0}")
  @ValueSource(strings = {"bookworm", "trixie"})
  void purgeLeavesNoFileBehind(String release) throws Exception {
    Installed root = InstalledRoots.of(release);
    purge(root);
    Set<String> afterFirstPurge = files(root);
    // Again from the state without the package (its dependencies stay): install, run, purge.
    InstalledRoots.aptInstall(root);
    root.run(SHORT, "autofs-restore", "inspect", "--json", "/srv/fixtures/multi");
    purge(root);
    Set<String> afterSecondPurge = files(root);
    assertEquals(Set.of(), diff(afterSecondPurge, afterFirstPurge), "files the package left");
    assertEquals(Set.of(), diff(afterFirstPurge, afterSecondPurge), "files its purge took away");
    // man-db's cat pages (/var/cache/man) are man's own cache of the pages the test read, purged
    // by man-db's daily mandb run, as for every package's pages.
    Set<String> named = new TreeSet<>();
    afterSecondPurge.stream()
        .filter(f -> f.contains("autofs-restore") && !f.startsWith("/var/cache/man/"))
        .forEach(named::add);
    assertEquals(Set.of(), named, "paths naming the package after its purge");
    assertEquals(
        "",
        root.run(SHORT, "find", "/var/lib/dpkg/info", "-name", "autofs-restore*").ok().out(),
        "dpkg's own files of the package");
    assertTrue(root.run(SHORT, "dpkg", "-s", "autofs-restore").exit() != 0, "dpkg forgot it");
  }

  private static void purge(Installed root) throws IOException, InterruptedException {
    root.run(
            Duration.ofMinutes(10),
            "env",
            "DEBIAN_FRONTEND=noninteractive",
            "apt-get",
            "purge",
            "-y",
            "-q",
            "autofs-restore")
        .ok();
  }

  /**
   * Every path in the root, less the pseudo file systems, the scratch folders, root's home (the
   * operator's own files: the log), and what dpkg and apt keep about every installation.
   */
  private static Set<String> files(Installed root) throws IOException, InterruptedException {
    String list =
        root.run(
                SHORT,
                "find",
                "/",
                "-xdev",
                "(",
                "-path",
                "/tmp",
                "-o",
                "-path",
                "/root",
                "-o",
                "-path",
                "/var/log",
                "-o",
                "-path",
                "/var/cache/debconf",
                "-o",
                "-path",
                "/var/lib/dpkg",
                "-o",
                "-path",
                "/var/lib/apt",
                "-o",
                "-path",
                "/var/cache/apt",
                ")",
                "-prune",
                "-o",
                "-print")
            .ok()
            .out();
    return new TreeSet<>(list.lines().toList());
  }

  private static Set<String> diff(Set<String> a, Set<String> b) {
    Set<String> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }

  private static Set<String> words(String text) {
    return new LinkedHashSet<>(List.of(text.strip().split("\\s+")));
  }

  private static String[] command(List<String> head, List<String> args) {
    List<String> all = new ArrayList<>(head);
    all.addAll(args);
    return all.toArray(String[]::new);
  }
}
