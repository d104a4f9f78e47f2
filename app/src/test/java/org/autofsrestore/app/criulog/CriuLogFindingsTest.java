package org.autofsrestore.app.criulog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.autofsrestore.app.autofs.AutofsMount;
import org.autofsrestore.app.autofs.CriuLogEntry;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.autofs.Inspection;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.synth.DumpBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One crafted log per CRIU autofs message, each line as CRIU prints it (its time stamp, level, criu
 * 3.17's source line, the printf arguments filled in), in a dump of two mounts: /srv/auto, served
 * by automount (pid 32 inside the dump, 1032 as CRIU saw it outside, pipe 28133, read fd 3, write
 * fd 5), and /srv/other, served by another daemon (pid 40 / 1040, pipe 29000, fds 7 and 8). Each
 * must give its finding on the mount it names, and name its pattern in {@code criu_log}.
 */
class CriuLogFindingsTest {
  static final String A = "/srv/auto";
  static final String B = "/srv/other";
  static final String SERVICE = "/tmp/.criu.mntns.Xa3kQ2/11-0000000000";

  @TempDir Path tmp;

  /** A message of CRIU: the lines of the log, the one tested, and the mount it names. */
  record Crafted(String pattern, List<String> lines, int tested, String mount) {
    @Override
    public String toString() {
      return pattern;
    }
  }

  private static String at(int second, String level, String file, int line, String text) {
    return String.format(
        "(00.%06d) %s (%s:%d): %s",
        second, level.equals("Warn") ? "Warn " : level, file, line, text);
  }

  /** A restore line: CRIU puts the restoring task's pid after the time stamp. */
  private static String restoring(int line, String text) {
    return String.format("(00.%06d) %6d: Error (criu/autofs.c:%d): %s", 412345, 1, line, text);
  }

  private static String dump(int line, String text) {
    return at(23456, "Error", "criu/autofs.c", line, text);
  }

  /** The last line is the one tested; those before it are what CRIU prints before it. */
  private static Crafted one(String pattern, String mount, String... lines) {
    return new Crafted(pattern, List.of(lines), lines.length - 1, mount);
  }

  /** The first line is the one tested: it leads in to the next. */
  private static Crafted leadIn(String pattern, String mount, String... lines) {
    return new Crafted(pattern, List.of(lines), 0, mount);
  }

  static List<Crafted> crafted(int mntA, int mntB) {
    return List.of(
        one(
            "pipe-ino-missing",
            null,
            at(10234, "Warn", "criu/autofs.c", 99, "Failed to find pipe_ino option (old kernel?)")),
        one(
            "pipe-ino-missing-at-dump",
            null,
            dump(323, "Failed to find pipe_ino option (old kernel?)")),
        one("pipe-ino-unparsable", null, dump(74, "pipe_ino (12x) mount option parse failed")),
        one("pipe-ino-overflow", null, dump(93, "overflow: pipe_ino > UINT32_MAX")),
        one("option-missing", null, dump(307, "Failed to find timeout option")),
        one(
            "read-end-unreadable",
            A,
            dump(210, "Failed to find read pipe fd (ino 28133) in process 1032")),
        one(
            "master-without-read-end",
            A,
            dump(217, "Master 1032 doesn't have a read end of the pipe with inode 28133 opened")),
        one(
            "abandoned-or-delegated",
            A,
            dump(217, "Master 1032 doesn't have a read end of the pipe with inode 28133 opened"),
            dump(220, "Abandoned mount or control was delegated to child?")),
        one("pipe-not-empty", B, dump(230, "Process 1040 autofs pipe fd 7 is not empty.")),
        one(
            "try-again-later",
            B,
            dump(230, "Process 1040 autofs pipe fd 7 is not empty."),
            dump(231, "Try again later.")),
        one(
            "alive-but-unreachable",
            A,
            dump(508, "Autofs " + mntA + " is alive, but unreachable.")),
        one("mount-inaccessible", A, dump(501, "failed to access autofs /srv/auto")),
        one(
            "revisit-mount-not-found",
            B,
            dump(374, "failed to find autofs mount with mnt_id " + mntB)),
        one("pgrp-not-in-tree", B, dump(527, "failed to find pstree item with pid 1040")),
        one(
            "mount-without-master",
            B,
            dump(527, "failed to find pstree item with pid 1040"),
            dump(528, "Non-catatonic mount without master?")),
        one("write-end-unchecked", B, dump(515, "Failed to check fd 8 in process 1040")),
        one("restore-pipe-fd-missing", A, restoring(868, "Failed to find pipe fd 5 in process 32")),
        one("restore-pipe-fd-not-pipe", B, restoring(872, "Fd 8 in process 40 is not a pipe: 1")),
        leadIn(
            "ioctl-failed",
            A,
            restoring(632, "/dev/autofs ioctl failed: Device or resource busy"),
            restoring(807, "Failed to set /srv/auto owner")),
        one("openmount-failed", A, restoring(717, "Failed to get /srv/auto fd (devid: 52)")),
        one(
            "open-failed",
            B,
            restoring(717, "Failed to get /srv/other fd (devid: 53)"),
            restoring(769, "Failed to open /srv/other")),
        leadIn(
            "dev-autofs-open-failed",
            A,
            restoring(644, "failed to open /dev/autofs: No such file or directory"),
            restoring(717, "Failed to get /srv/auto fd (devid: 52)")),
        one(
            "settimeout-failed",
            B,
            restoring(774, "Failed to set timeout 300 for " + SERVICE + "/srv/other")),
        one(
            "catatonic-failed",
            A,
            restoring(779, "Failed to set " + SERVICE + "/srv/auto catatonic")),
        one("setpipefd-failed", B, restoring(807, "Failed to set /srv/other owner")),
        one("closemount-failed", A, restoring(784, "Failed to close /srv/auto")),
        one(
            "mount-failed",
            A,
            restoring(
                1037, "Failed to mount autofs to " + SERVICE + "/srv/auto: Invalid argument")),
        one(
            "umount-failed",
            B,
            restoring(1088, "Failed to umount " + SERVICE + "/srv/other: Device or resource busy")),
        one(
            "dentry-failed",
            A,
            restoring(
                744, "Failed to create autofs dentry " + SERVICE + "/srv/auto/multi: Exists")),
        one(
            "open-file-on-overmount",
            B,
            at(
                657208,
                "Error",
                "criu/files-reg.c",
                1796,
                "Open files on overmounted mounts are not supported yet; mount="
                    + mntB
                    + " fd=12 path=/srv/other")),
        one("check-autofs-unsupported", null, "Error (criu/cr-check.c:956): autofs not supported."),
        one(
            "check-autofs-mount-failed",
            null,
            "Error (criu/cr-check.c:996): failed to mount autofs: No such device"),
        one("autofs-other", null, dump(178, "Failed to fstatat: Permission denied")));
  }

  static DumpBuilder twoMounts() {
    return new DumpBuilder()
        .process(1, "init")
        .process(32, 1, 32, 32, "automount")
        .pipe(32, 3, 5, 28133)
        .process(40, 1, 40, 40, "amd")
        .pipe(40, 7, 8, 29000)
        .autofsMount(A, a -> a.indirect().owner(32, 5, 28133).optionsPgrp(1032).superblock(50))
        .autofsMount(B, a -> a.direct().owner(40, 8, 29000).optionsPgrp(1040).superblock(51));
  }

  /** The mount ids DumpBuilder gives the two mounts. */
  private static int[] mountIds(Path dir) throws Exception {
    Inspection plain = CriuLogInspection.inspect(DumpLoader.load(dir));
    int a = 0;
    int b = 0;
    for (AutofsMount m : plain.mounts()) {
      a = m.mountpoint().equals(A) ? m.mount().mntId() : a;
      b = m.mountpoint().equals(B) ? m.mount().mntId() : b;
    }
    return new int[] {a, b};
  }

  static Stream<Arguments> everyMessage() throws Exception {
    Path probe = Files.createTempDirectory("criulog-ids");
    try {
      int[] ids = mountIds(twoMounts().write(probe.resolve("dump")));
      return crafted(ids[0], ids[1]).stream().map(Arguments::of);
    } finally {
      try (Stream<Path> walk = Files.walk(probe)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private Inspection inspectWithLog(String name, List<String> lines) throws Exception {
    Path dir = twoMounts().write(tmp.resolve("dump"));
    List<String> log = new ArrayList<>();
    log.add("(00.000000) Version: 3.17.1 (gitid 0)");
    log.add("(00.000120) Running on vm Linux 6.1.0-57-amd64 #1 SMP x86_64");
    log.add("(00.001000) mnt: Found autofs mount at ./srv/auto"); // not a problem line
    log.addAll(lines);
    log.add("(00.030000) Error (criu/cr-dump.c:2093): Dumping FAILED.");
    Files.write(dir.resolve(name), log);
    return CriuLogInspection.inspect(DumpLoader.load(dir));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyMessage")
  void eachCriuMessageGivesItsFindingOnTheMountItNames(Crafted c) throws Exception {
    // Not called dump.log: a log is known by its lines, whatever -o named it.
    Inspection inspection = inspectWithLog("criu-" + c.pattern() + ".txt", c.lines());
    String tested = c.lines().get(c.tested());
    CriuLogEntry entry =
        inspection.criuLog().stream()
            .filter(e -> e.text().equals(tested))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no entry for " + tested + ": " + inspection));
    assertEquals(c.pattern(), entry.pattern(), tested);
    assertEquals(c.mount(), entry.mountpoint(), "the mount of " + tested);
    assertEquals(4 + c.tested(), entry.line(), "its line number");
    assertEquals(c.lines().size(), inspection.criuLog().size(), "only the autofs lines");

    String quoted = tested.substring(tested.indexOf("): ") + 3);
    List<Finding> withIt =
        inspection.allFindings().stream()
            .filter(f -> f.message().contains("\"" + quoted + "\""))
            .toList();
    assertEquals(1, withIt.size(), "one finding quotes it: " + inspection.allFindings());
    Finding f = withIt.get(0);
    assertEquals(c.mount(), f.mountpoint(), f.message());
    CriuLogPattern pattern =
        CriuLogPatterns.all().stream().filter(p -> p.id().equals(c.pattern())).findFirst().get();
    assertEquals(pattern.severity(), f.severity());
    assertTrue(f.code() == FindingCode.CRIU_LOG_ERROR || f.code() == FindingCode.CRIU_LOG_WARNING);
    assertTrue(f.action().length() > 20, f.action());
    if (c.lines().size() == 1) {
      assertTrue(f.message().contains(pattern.meaning()), f.message());
      String action =
          pattern
              .action()
              .replace("{dump}", tmp.resolve("dump").toString())
              .replace("{mount}", c.mount() == null ? "MOUNTPOINT" : c.mount());
      assertEquals(action, f.action());
    }
  }

  @Test
  void everyPatternHasACraftedLogHere() {
    Set<String> ids = new TreeSet<>();
    CriuLogPatterns.all().forEach(p -> ids.add(p.id()));
    Set<String> crafted = new TreeSet<>();
    crafted(40, 41).forEach(c -> crafted.add(c.pattern()));
    assertEquals(ids, crafted);
  }

  @Test
  void aContinuationWithoutTheLineItContinuesStandsAloneOnTheDump() throws Exception {
    Inspection inspection = inspectWithLog("dump.log", List.of(dump(231, "Try again later.")));
    CriuLogEntry e = inspection.criuLog().get(0);
    assertEquals("try-again-later", e.pattern());
    assertEquals(null, e.mountpoint());
    assertTrue(
        inspection.dumpFindings().stream().anyMatch(f -> f.message().contains("Try again later")),
        inspection.dumpFindings().toString());
  }

  @Test
  void aPidThatOwnsTwoMountsNamesNeitherAndTheFindingSaysSo() throws Exception {
    Path dir =
        new DumpBuilder()
            .process(1, "init")
            .process(32, 1, 32, 32, "automount")
            .pipe(32, 3, 5, 28133)
            .pipe(32, 6, 7, 28134)
            .autofsMount(A, a -> a.indirect().owner(32, 5, 28133).optionsPgrp(1032))
            .autofsMount(B, a -> a.indirect().owner(32, 7, 28134).optionsPgrp(1032))
            .write(tmp.resolve("shared"));
    Files.writeString(
        dir.resolve("dump.log"), dump(527, "failed to find pstree item with pid 1032") + "\n");
    Inspection inspection = CriuLogInspection.inspect(DumpLoader.load(dir));
    assertEquals(null, inspection.criuLog().get(0).mountpoint());
    Finding f =
        inspection.dumpFindings().stream()
            .filter(x -> x.code() == FindingCode.CRIU_LOG_ERROR)
            .findFirst()
            .orElseThrow();
    assertTrue(f.message().contains("more than one mount"), f.message());
  }

  @Test
  void anOpenFileOnACoveredMountThatIsNoAutofsMountGivesNothing() throws Exception {
    Inspection inspection =
        inspectWithLog(
            "dump.log",
            List.of(
                at(
                    657208,
                    "Error",
                    "criu/files-reg.c",
                    1796,
                    "Open files on overmounted mounts are not supported yet; mount=4711 fd=3"
                        + " path=/var/lib/data")));
    assertEquals(List.of(), inspection.criuLog());
  }

  @Test
  void criuFourNamesAMountByItsIdBelowItsServiceFolderAndTheDirectoryBelowIsTheMountBelow()
      throws Exception {
    Path dir =
        new DumpBuilder()
            .process(1, "init")
            .process(32, 1, 32, 32, "automount")
            .pipe(32, 3, 5, 28133)
            .autofsMount(A, a -> a.indirect().owner(32, 5, 28133).optionsPgrp(1032))
            .autofsMount(A + "/multi/a", a -> a.offset().owner(32, 5, 28133).optionsPgrp(1032))
            .write(tmp.resolve("offsets"));
    Inspection plain = CriuLogInspection.inspect(DumpLoader.load(dir));
    int indirect =
        plain.mounts().stream()
            .filter(m -> m.mountpoint().equals(A))
            .findFirst()
            .orElseThrow()
            .mount()
            .mntId();
    String service = String.format("/tmp/.criu.mntns.Qw3rTy/mnt-%010d", indirect);
    Files.write(
        dir.resolve("restore.log"),
        List.of(
            "(00.000000) Version: 4.1.1 (gitid 0)",
            restoring(
                743,
                "Failed to create autofs dentry "
                    + service
                    + "/multi/a: No such file or directory"),
            restoring(1036, "Failed to mount autofs to " + service + ": Invalid argument")));
    Inspection inspection = CriuLogInspection.inspect(DumpLoader.load(dir));
    assertEquals(A + "/multi/a", inspection.criuLog().get(0).mountpoint());
    assertEquals(A, inspection.criuLog().get(1).mountpoint());
    Finding dentry =
        inspection.allFindings().stream()
            .filter(f -> f.message().contains("dentry-failed"))
            .findFirst()
            .orElseThrow();
    assertEquals(A + "/multi/a", dentry.mountpoint());
    assertTrue(
        dentry.action().contains("autofs-restore restore " + dir + " --root ROOT --mount " + A),
        dentry.action());
  }

  @Test
  void linesThatAreNotAboutAutofsGiveNothing() throws IOException, Exception {
    Inspection inspection =
        inspectWithLog(
            "dump.log",
            List.of(
                at(32550, "Error", "criu/util.c", 1534, "rlimit: Can't setup RLIMIT_NOFILE"),
                at(36749, "Warn", "compel/arch/x86/src/lib/infect.c", 418, "Will restore 24341"),
                "(00.040000) autofs: mounting to /srv/auto with options: \"fd=3\"",
                "Error (criu/files-reg.c:1234): Can't open file tmp/x on restore"));
    assertEquals(List.of(), inspection.criuLog());
    assertEquals(
        List.of(),
        inspection.allFindings().stream()
            .filter(f -> f.code().source() == FindingCode.Source.CRIU_LOG)
            .toList());
  }
}
