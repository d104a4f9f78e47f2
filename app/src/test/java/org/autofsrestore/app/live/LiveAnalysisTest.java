package org.autofsrestore.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.autofsrestore.app.autofs.Finding;
import org.autofsrestore.app.autofs.FindingCode;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.app.testing.CraftedProc;
import org.autofsrestore.kernel.probe.PipeEndHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live view from crafted /proc trees and mountinfo text: no kernel, no autofs. */
class LiveAnalysisTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ROOT_LINE = "21 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw";
  static final String INDIRECT =
      "45 21 0:50 / /srv/auto rw,relatime shared:20 - autofs /etc/auto.srv"
          + " rw,fd=5,pgrp=32,timeout=300,minproto=5,maxproto=5,indirect,pipe_ino=28133";
  static final String DIRECT_PARKED =
      "46 21 0:51 / /srv/direct rw,relatime shared:21 - autofs /etc/auto.direct"
          + " rw,fd=-1,pgrp=32,timeout=600,minproto=5,maxproto=5,direct,pipe_ino=-1";
  static final String SYSTEMD =
      "47 21 0:52 / /proc/sys/fs/binfmt_misc rw,relatime shared:22 - autofs systemd-1"
          + " rw,fd=29,pgrp=1,timeout=0,minproto=5,maxproto=5,direct,pipe_ino=9001";

  @TempDir Path tmp;

  /** The reader (pid 500), init (1, holding systemd's pipe), automount (32) with both ends. */
  private CraftedProc healthyHost() throws Exception {
    return new CraftedProc(tmp.resolve("proc"))
        .process(500, 500, "autofs-restore", 'R', "4026531841")
        .mountinfo(500, ROOT_LINE, INDIRECT, DIRECT_PARKED, SYSTEMD)
        .process(1, 1, "systemd", 'S', "4026531841")
        .pipeFd(1, 29, 9001, 1)
        .pipeFd(1, 30, 9001, 0)
        .process(32, 32, "automount", 'S', "4026531841")
        .pipeFd(32, 3, 28133, 0)
        .pipeFd(32, 5, 28133, 1);
  }

  private static LiveView view(CraftedProc proc) throws Exception {
    return LiveAnalysis.view(LiveFacts.read(proc.root(), OptionalLong.empty()));
  }

  @Test
  void eachAutofsMountIsListedWithItsStateOwnerAndPipeReader() throws Exception {
    LiveView view = view(healthyHost());

    assertEquals(3, view.mounts().size());
    LiveMount auto = view.at("/srv/auto").orElseThrow();
    assertEquals("0:50", auto.device());
    assertEquals("indirect", auto.mode().orElseThrow().option());
    assertEquals(300, auto.options().orElseThrow().timeout());
    assertFalse(auto.catatonic());
    assertEquals(new LiveOwner(32, OptionalLong.of(32), "automount"), auto.owner().orElseThrow());
    assertEquals(
        List.of(new PipeEndHolder(32, 3, PipeEndHolder.End.READ, "automount", 32)), auto.readers());
    assertEquals(List.of(), auto.findings());
    LiveMount parked = view.at("/srv/direct").orElseThrow();
    assertTrue(parked.catatonic());
    assertEquals(List.of(), parked.pipeHolders());
    LiveMount binfmt = view.at("/proc/sys/fs/binfmt_misc").orElseThrow();
    assertEquals(Optional.of("proc-sys-fs-binfmt_misc.automount"), binfmt.systemdUnit());
    assertEquals("systemd", binfmt.owner().orElseThrow().comm());
    assertEquals(List.of(), view.allFindings());
  }

  @Test
  @Shows({FindingCode.LIVE_OWNER_GONE_SYSTEMD, FindingCode.LIVE_PIPE_UNREAD_SYSTEMD})
  void aSystemdMountNobodyServesNamesItsUnitToRestart() throws Exception {
    CraftedProc proc =
        new CraftedProc(tmp.resolve("proc"))
            .process(500, 500, "autofs-restore", 'R', "1")
            .mountinfo(500, ROOT_LINE, SYSTEMD);

    LiveMount m = view(proc).at("/proc/sys/fs/binfmt_misc").orElseThrow();

    assertEquals(
        List.of(FindingCode.LIVE_OWNER_GONE_SYSTEMD, FindingCode.LIVE_PIPE_UNREAD_SYSTEMD),
        m.findings().stream().map(Finding::code).toList());
    for (Finding f : m.findings()) {
      assertEquals(
          "Run systemctl restart proc-sys-fs-binfmt_misc.automount: systemd mounts it again with a"
              + " pipe it reads.",
          f.action());
    }
  }

  @Test
  @Shows({FindingCode.LIVE_OWNER_GONE, FindingCode.LIVE_PIPE_UNREAD})
  void aMountWhoseOwnerIsGoneAndWhosePipeNobodyReadsSaysBoth() throws Exception {
    CraftedProc proc =
        new CraftedProc(tmp.resolve("proc"))
            .process(500, 500, "autofs-restore", 'R', "1")
            .mountinfo(500, ROOT_LINE, INDIRECT);

    LiveMount m = view(proc).at("/srv/auto").orElseThrow();

    assertFalse(m.owner().orElseThrow().alive());
    assertEquals(
        List.of(FindingCode.LIVE_OWNER_GONE, FindingCode.LIVE_PIPE_UNREAD),
        m.findings().stream().map(Finding::code).toList());
    assertTrue(
        m.findings().get(1).message().startsWith("No process holds"),
        m.findings().get(1).message());
  }

  @Test
  @Shows(FindingCode.LIVE_FDS_UNSEEN)
  void fdTablesItCannotReadAreSaidPerMountAndQualifyNobody() throws Exception {
    CraftedProc proc =
        new CraftedProc(tmp.resolve("proc"))
            .process(500, 500, "autofs-restore", 'R', "1")
            .mountinfo(500, ROOT_LINE, INDIRECT)
            .process(32, 32, "automount", 'S', "1")
            .fdTableUnreadable(32);

    LiveMount m = view(proc).at("/srv/auto").orElseThrow();

    assertEquals(1, m.fdTablesUnread());
    assertEquals(
        List.of(FindingCode.LIVE_PIPE_UNREAD, FindingCode.LIVE_FDS_UNSEEN),
        m.findings().stream().map(Finding::code).toList());
    assertTrue(
        m.findings().get(0).message().startsWith("No process that this reader can see holds"),
        m.findings().get(0).message());
  }

  @Test
  @Shows({FindingCode.LIVE_SLEEPERS, FindingCode.LIVE_SLEEPER_UNMATCHED})
  void aSleeperIsPutOnTheMountItsPathLiesOnOrByItsCwdOrLeftUnmatchedWithTheReason()
      throws Exception {
    CraftedProc proc =
        healthyHost()
            .process(40, 40, "stat", 'D', "4026531841")
            .asleepOn(40, "/srv/auto/key", "/")
            .process(41, 41, "ls", 'D', "4026531841")
            .asleepUnseen(41, "/srv/direct")
            .process(42, 42, "du", 'D', "4026531841")
            .asleepUnseen(42, "/home")
            .process(43, 43, "elsewhere", 'D', "4026532000")
            .asleepOn(43, "/srv/auto/other", "/");

    LiveView view = view(proc);

    LiveMount auto = view.at("/srv/auto").orElseThrow();
    assertEquals(List.of(40L), auto.sleepers().stream().map(s -> s.task().pid()).toList());
    assertEquals("path", auto.sleepers().get(0).matchedBy());
    assertEquals(
        List.of(FindingCode.LIVE_SLEEPERS), auto.findings().stream().map(Finding::code).toList());
    assertTrue(auto.findings().get(0).message().contains("stat[40] on /srv/auto/key"));
    assertTrue(auto.findings().get(0).action().contains("automount[32] reading fd 3"));
    LiveMount direct = view.at("/srv/direct").orElseThrow();
    assertEquals("cwd", direct.sleepers().get(0).matchedBy());
    assertEquals(List.of(42L), view.unmatched().stream().map(s -> s.task().pid()).toList());
    Finding unmatched = view.findings().get(0);
    assertEquals(FindingCode.LIVE_SLEEPER_UNMATCHED, unmatched.code());
    assertTrue(
        unmatched.message().contains("/proc/42/syscall is not readable"), unmatched.message());
  }

  @Test
  void anotherProcesssNamespaceIsReadFromItsMountinfo() throws Exception {
    CraftedProc proc =
        healthyHost()
            .process(900, 900, "container-init", 'S', "4026532999")
            .mountinfo(900, ROOT_LINE);

    LiveFacts facts = LiveFacts.read(proc.root(), OptionalLong.of(900));

    assertEquals(Optional.of("mnt:[4026532999]"), facts.mountNamespace());
    assertEquals(List.of(), LiveAnalysis.view(facts).mounts());
  }

  @Test
  @Shows(FindingCode.LIVE_OPTIONS_MALFORMED)
  void malformedAutofsOptionsAreAFindingNotAFailure() throws Exception {
    CraftedProc proc =
        new CraftedProc(tmp.resolve("proc"))
            .process(500, 500, "autofs-restore", 'R', "1")
            .mountinfo(500, ROOT_LINE, "48 21 0:53 / /srv/bad rw - autofs x rw,timeout=5");

    LiveMount m = view(proc).at("/srv/bad").orElseThrow();

    assertEquals(Optional.empty(), m.options());
    assertEquals(FindingCode.LIVE_OPTIONS_MALFORMED, m.findings().get(0).code());
  }

  @Test
  void inspectLiveJsonHasTheDumpsShapeAndExitsByTheWorstFinding() throws Exception {
    CraftedProc proc = healthyHost();
    CommandRun ok =
        CommandRun.of("inspect", "--live", "--json", "--proc-root", proc.root().toString());
    assertEquals(0, ok.status(), ok.err());
    JsonNode doc = JSON.readTree(ok.out());
    JsonNode auto = doc.get("autofs_mounts").get(0);
    assertEquals("/srv/auto", auto.get("mountpoint").asText());
    assertEquals(28133, auto.get("pipe_ino").asLong());
    assertEquals(32, auto.get("owner").get("pid").asLong());
    assertEquals("automount", auto.get("owner").get("comm").asText());
    assertEquals(List.of(32L), List.of(auto.get("pipe_reader").get(0).asLong()));
    assertTrue(doc.get("autofs_mounts").get(1).get("catatonic").asBoolean());
    assertEquals(
        "proc-sys-fs-binfmt_misc.automount",
        doc.get("autofs_mounts").get(2).get("systemd_unit").asText());

    CommandRun table = CommandRun.of("inspect", "--live", "--proc-root", proc.root().toString());
    assertTrue(table.out().contains("automount[32] fd 3"), table.out());

    CraftedProc gone =
        new CraftedProc(tmp.resolve("gone"))
            .process(500, 500, "autofs-restore", 'R', "1")
            .mountinfo(500, ROOT_LINE, INDIRECT);
    assertEquals(
        1, CommandRun.of("inspect", "--live", "--proc-root", gone.root().toString()).status());
  }

  @Test
  void anUnreadableMountTableIsOneSentenceAndExitStatusFour() throws Exception {
    CraftedProc proc = healthyHost();
    CommandRun noPid =
        CommandRun.of("inspect", "--live", "--pid", "77777", "--proc-root", proc.root().toString());
    assertEquals(4, noPid.status());
    assertTrue(
        noPid.err().contains("/77777/mountinfo does not exist: no process 77777"), noPid.err());
    CommandRun bad =
        CommandRun.of(
            "inspect",
            "--live",
            "--proc-root",
            new CraftedProc(tmp.resolve("bad"))
                .process(500, 500, "x", 'R', "1")
                .mountinfo(500, "1 2 3")
                .root()
                .toString());
    assertEquals(4, bad.status());
    assertTrue(bad.err().contains("mountinfo line 1: too few fields"), bad.err());
    assertFalse(bad.err().contains("Exception"), bad.err());
    assertEquals(2, CommandRun.of("inspect", "--pid", "1", "x").status());
    assertEquals(2, CommandRun.of("inspect").status());
  }
}
