package org.autofsrestore.app.autofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.autofsrestore.app.dump.DumpLoader;
import org.autofsrestore.app.dump.DumpUnreadableException;
import org.autofsrestore.app.synth.AutofsSpec;
import org.autofsrestore.app.synth.DumpBuilder;
import org.autofsrestore.app.synth.DumpBuilder.Damage;
import org.autofsrestore.proto.Fstype;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per {@link FindingCode}: a dump built here with exactly that defect gives that finding,
 * with its severity, on its mount, and no unrelated error finding. The base is a healthy dump: an
 * automount (pid 32) holding both ends of pipe 28133 (read fd 3, write fd 5) and serving the
 * indirect mount /srv/auto (superblock 0:50).
 */
class FindingCodesTest {
  private static final String MOUNT = "/srv/auto";
  private static final int OWNER = 32;
  private static final long PIPE = 28133;
  private static final String IMAGE = "autofs-50.img";

  @TempDir Path tmp;

  /** Marks the test that shows a finding code. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Shows {
    FindingCode value();
  }

  private static DumpBuilder base() {
    return new DumpBuilder()
        .process(1, "init")
        .process(OWNER, 1, OWNER, OWNER, "automount")
        .pipe(OWNER, 3, 5, PIPE);
  }

  private static DumpBuilder healthy(Consumer<AutofsSpec> change) {
    return base()
        .autofsMount(
            MOUNT,
            a -> {
              a.indirect().owner(OWNER, 5, PIPE).superblock(50).source("/etc/auto.srv");
              change.accept(a);
            });
  }

  private Inspection inspect(DumpBuilder dump) throws IOException, DumpUnreadableException {
    return AutofsAnalysis.inspect(DumpLoader.load(dump.write(tmp.resolve("dump"))));
  }

  /**
   * Asserts that {@code code} is found with its severity on {@code mountpoint}, and that every
   * error finding is either it or one of {@code consequences} (findings that defect must also
   * cause).
   */
  private static Finding assertFinds(
      Inspection inspection, FindingCode code, String mountpoint, FindingCode... consequences) {
    List<Finding> all = inspection.allFindings();
    Finding found =
        all.stream()
            .filter(f -> f.code() == code && java.util.Objects.equals(f.mountpoint(), mountpoint))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + code + " on " + mountpoint + ": " + all));
    assertEquals(code.severity(), found.severity(), "severity");
    Set<FindingCode> related = EnumSet.of(code, consequences);
    List<Finding> unrelated =
        all.stream()
            .filter(f -> f.severity() == Severity.ERROR && !related.contains(f.code()))
            .toList();
    assertEquals(List.of(), unrelated, "no unrelated error finding");
    assertFalse(found.message().isBlank(), "a message");
    assertFalse(found.action().isBlank(), "an action");
    return found;
  }

  private static AutofsMount mount(Inspection inspection, String mountpoint) {
    return inspection.mounts().stream()
        .filter(m -> m.mountpoint().equals(mountpoint))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aDumpCodeFillsItsOwnSentencesAndNamesItselfWhenAValueIsMissing() {
    Finding f = FindingCode.OWNER_NOT_IN_DUMP.at(MOUNT, "77");
    assertEquals(MOUNT, f.mountpoint());
    assertEquals(Severity.ERROR, f.severity());
    assertTrue(
        f.message().startsWith("The owner, process group 77 (autofs-N.img pgrp)"), f.message());
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> FindingCode.PIPE_FD_MISSING.at(MOUNT, "5"));
    assertTrue(e.getMessage().startsWith("pipe-fd-missing needs a value for {1}"), e.getMessage());
    // A pre-flight code has its sentences here too (FindingWordingTest), so it needs its values.
    IllegalArgumentException preflight =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> FindingCode.TARGET_MISSING.at(MOUNT));
    assertTrue(
        preflight.getMessage().startsWith("target-missing needs a value for {0}"),
        preflight.getMessage());
  }

  @Test
  void everyFindingCodeHasATestHere() {
    Set<FindingCode> shown =
        Arrays.stream(FindingCodesTest.class.getDeclaredMethods())
            .map(m -> m.getAnnotation(Shows.class))
            .filter(java.util.Objects::nonNull)
            .map(Shows::value)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(FindingCode.class)));
    EnumSet<FindingCode> dumpCodes = EnumSet.noneOf(FindingCode.class);
    for (FindingCode c : FindingCode.values()) {
      if (c.source() == FindingCode.Source.DUMP) {
        dumpCodes.add(c);
      }
    }
    // Pre-flight codes (checks of the live system) have theirs in PlannerTest.
    assertEquals(dumpCodes, shown, "codes with a @Shows test");
    for (Method m : FindingCodesTest.class.getDeclaredMethods()) {
      if (m.isAnnotationPresent(Shows.class)) {
        assertTrue(
            m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(ParameterizedTest.class),
            m.getName() + " is a test");
      }
    }
  }

  @Test
  void theImagesValuesAreTakenEvenWhereTheOptionStringLacksThem() throws Exception {
    Inspection inspection =
        inspect(healthy(a -> a.timeout(120).protocol(3, 5).options("indirect,pipe_ino=28133")));
    AutofsMount m = mount(inspection, MOUNT);
    assertEquals(120L, m.timeout());
    assertEquals(3, m.minproto());
    assertEquals(5, m.maxproto());
    assertEquals(5, m.fd());
    assertEquals(OWNER, m.pgrp());
    assertEquals(null, m.optionsPgrp());
  }

  @Test
  void theHealthyBaseDumpHasNoFindingAtAllAndAResolvedOwner() throws Exception {
    Inspection inspection = inspect(healthy(a -> {}));
    assertEquals(List.of(), inspection.allFindings());
    Owner owner = mount(inspection, MOUNT).owner().orElseThrow();
    assertEquals(OWNER, owner.pid());
    assertEquals(5, owner.pipeFd());
    assertEquals(3, owner.readEndFd());
    assertEquals(5, owner.writeEndFd());
  }

  @Test
  @Shows(FindingCode.AUTOFS_IMAGE_MISSING)
  void anAbsentAutofsImageIsAnErrorOnItsMount() throws Exception {
    Inspection inspection = inspect(healthy(AutofsSpec::noImage));
    Finding f = assertFinds(inspection, FindingCode.AUTOFS_IMAGE_MISSING, MOUNT);
    assertTrue(f.message().contains(IMAGE), f.message());
  }

  @Test
  @Shows(FindingCode.AUTOFS_IMAGE_EMPTY)
  void anAutofsImageWithOnlyItsHeaderIsAnErrorOnItsMount() throws Exception {
    Inspection inspection = inspect(healthy(a -> {}).damage(IMAGE, Damage.HEADER_ONLY));
    assertFinds(inspection, FindingCode.AUTOFS_IMAGE_EMPTY, MOUNT);
  }

  @ParameterizedTest
  @EnumSource(
      value = Damage.class,
      names = {"BAD_MAGIC", "TRUNCATED", "UNDECODABLE_RECORD", "OVERSIZED_LENGTH"})
  @Shows(FindingCode.AUTOFS_IMAGE_DAMAGED)
  void aDamagedAutofsImageIsAnErrorOnItsMountWhileTheOtherMountsAreStillListed(Damage damage)
      throws Exception {
    Inspection inspection =
        inspect(
            healthy(a -> {})
                .pipe(OWNER, 6, 7, 28135)
                .autofsMount("/srv/other", a -> a.owner(OWNER, 7, 28135).superblock(51))
                .damage(IMAGE, damage));
    Finding f = assertFinds(inspection, FindingCode.AUTOFS_IMAGE_DAMAGED, MOUNT);
    assertTrue(f.message().contains(IMAGE), f.message());
    assertEquals(2, inspection.mounts().size());
    assertEquals(List.of(), mount(inspection, "/srv/other").findings());
  }

  @Test
  @Shows(FindingCode.OWNER_NOT_IN_DUMP)
  void aLiveMountWhoseOwnerIsNotInThePstreeIsAnError() throws Exception {
    Inspection inspection = inspect(healthy(a -> a.owner(77, 5, PIPE)));
    Finding f = assertFinds(inspection, FindingCode.OWNER_NOT_IN_DUMP, MOUNT);
    assertTrue(f.message().contains("77"), f.message());
    assertTrue(mount(inspection, MOUNT).owner().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ids-32.img", "fdinfo-3.img", "files.img"})
  @Shows(FindingCode.OWNER_FILES_UNREADABLE)
  void anOwnerWhoseFdTableCannotBeReadIsAnErrorNamingTheFile(String file) throws Exception {
    Inspection inspection = inspect(healthy(a -> {}).omit(file));
    Finding f = assertFinds(inspection, FindingCode.OWNER_FILES_UNREADABLE, MOUNT);
    assertTrue(f.message().contains(file), f.message());
    Inspection damaged = inspect(healthy(a -> {}).damage(file, Damage.TRUNCATED));
    assertFinds(damaged, FindingCode.OWNER_FILES_UNREADABLE, MOUNT);
  }

  @Test
  @Shows(FindingCode.OWNER_FOUND_BY_PIPE_INO)
  void withoutAutofsImageTheOwnerIsTheTaskHoldingPipeInoAndSaidToBeFoundSo() throws Exception {
    Inspection inspection =
        inspect(
            healthy(AutofsSpec::noImage)
                .process(33, OWNER, OWNER, OWNER, "automount")
                .pipeReadEnd(33, 4, PIPE)
                .process(40, "bash")
                .pipe(40, 3, 4, 99999));
    Finding f =
        assertFinds(
            inspection,
            FindingCode.OWNER_FOUND_BY_PIPE_INO,
            MOUNT,
            FindingCode.AUTOFS_IMAGE_MISSING /* the precondition */);
    assertTrue(f.message().contains("pipe:[28133]"), f.message());
    assertTrue(f.message().contains("33 hold it too"), f.message());
    Owner owner = mount(inspection, MOUNT).owner().orElseThrow();
    assertEquals(OWNER, owner.pid(), "the write end's holder, not the child with a read end");
    assertEquals("automount", owner.comm());
    assertEquals(5, owner.pipeFd());
    assertEquals(3, owner.readEndFd());
    assertEquals(5, owner.writeEndFd());
    assertEquals(Owner.RESOLVED_BY_PIPE_INO, owner.resolvedBy());
  }

  @Test
  void withoutAutofsImageAndWithoutATaskHoldingPipeInoNoOwnerIsGuessed() throws Exception {
    Inspection inspection = inspect(healthy(a -> a.noImage().optionsPipeIno(424242)));
    assertTrue(mount(inspection, MOUNT).owner().isEmpty());
    assertEquals(
        List.of(FindingCode.AUTOFS_IMAGE_MISSING),
        inspection.allFindings().stream().map(Finding::code).toList());
  }

  @Test
  void aDamagedAutofsImageOfACatatonicMountStartsNoScan() throws Exception {
    Inspection inspection =
        inspect(healthy(a -> a.catatonic(13516)).damage(IMAGE, Damage.BAD_MAGIC));
    assertTrue(mount(inspection, MOUNT).owner().isEmpty());
    assertEquals(
        List.of(FindingCode.AUTOFS_IMAGE_DAMAGED, FindingCode.CATATONIC),
        inspection.allFindings().stream().map(Finding::code).toList());
  }

  @Test
  @Shows(FindingCode.PIPE_FD_MISSING)
  void aPipeFdThatTheOwnerDoesNotHaveOpenIsAnError() throws Exception {
    Inspection inspection = inspect(healthy(a -> a.owner(OWNER, 9, PIPE)));
    Finding f = assertFinds(inspection, FindingCode.PIPE_FD_MISSING, MOUNT);
    assertTrue(f.message().contains("fd 9"), f.message());
  }

  @Test
  @Shows(FindingCode.PIPE_FD_NOT_PIPE)
  void aPipeFdThatIsARegularFileIsAnError() throws Exception {
    Inspection inspection =
        inspect(
            healthy(a -> a.owner(OWNER, 7, PIPE)).regularFile(OWNER, 7, "/var/log/automount.log"));
    Finding f = assertFinds(inspection, FindingCode.PIPE_FD_NOT_PIPE, MOUNT);
    assertTrue(f.message().contains("/var/log/automount.log"), f.message());
    Inspection dangling = inspect(healthy(a -> a.owner(OWNER, 7, PIPE)).danglingFd(OWNER, 7, 99));
    Finding d = assertFinds(dangling, FindingCode.PIPE_FD_NOT_PIPE, MOUNT);
    assertTrue(d.message().contains("99"), d.message());
  }

  @Test
  @Shows(FindingCode.PIPE_INODE_MISMATCH)
  void aPipeFdOfAnotherPipeThanPipeInoIsAnError() throws Exception {
    Inspection inspection = inspect(healthy(a -> a.optionsPipeIno(28999)));
    Finding f = assertFinds(inspection, FindingCode.PIPE_INODE_MISMATCH, MOUNT);
    assertTrue(f.message().contains("28133") && f.message().contains("28999"), f.message());
  }

  @Test
  @Shows(FindingCode.PIPE_FD_WRONG_END)
  void aPipeFdThatIsTheReadEndWithoutReadFdIsAnError() throws Exception {
    Inspection inspection = inspect(healthy(a -> a.owner(OWNER, 3, PIPE)));
    assertFinds(inspection, FindingCode.PIPE_FD_WRONG_END, MOUNT);
  }

  @Test
  @Shows(FindingCode.WRITE_END_CLOSED)
  void aClosedWriteEndIsReachedThroughReadFdAndNotedNotFailed() throws Exception {
    Inspection inspection =
        inspect(
            base()
                .close(OWNER, 5)
                .regularFile(OWNER, 5, "/etc/auto.master")
                .autofsMount(MOUNT, a -> a.owner(OWNER, 5, PIPE).readFd(3).superblock(50)));
    assertFinds(inspection, FindingCode.WRITE_END_CLOSED, MOUNT);
    Owner owner = mount(inspection, MOUNT).owner().orElseThrow();
    assertEquals(3, owner.pipeFd());
    assertEquals(3, owner.readEndFd());
    assertFalse(owner.writeEndOpen());
    assertEquals(
        List.of(FindingCode.WRITE_END_CLOSED),
        inspection.allFindings().stream().map(Finding::code).toList());
  }

  @Test
  @Shows(FindingCode.NO_PIPE_INO)
  void optionsWithoutPipeInoAreAWarningThatThePipeCannotBeChecked() throws Exception {
    Inspection inspection = inspect(healthy(AutofsSpec::noPipeIno));
    assertFinds(inspection, FindingCode.NO_PIPE_INO, MOUNT);
    assertTrue(mount(inspection, MOUNT).owner().isPresent());
  }

  @Test
  @Shows(FindingCode.MODE_MISSING)
  void noModeInOptionsWithoutAnAutofsImageIsAnError() throws Exception {
    // Only reachable without autofs-N.img: when it is read, its mode decides (MODE_UNKNOWN).
    Inspection inspection = inspect(healthy(a -> a.noImage().optionsMode("")));
    assertFinds(
        inspection,
        FindingCode.MODE_MISSING,
        MOUNT,
        FindingCode.AUTOFS_IMAGE_MISSING /* the precondition */);
  }

  @Test
  @Shows(FindingCode.MODE_UNKNOWN)
  void anAutofsImageModeOutsideZeroToTwoIsAnError() throws Exception {
    Inspection inspection = inspect(healthy(a -> a.image(b -> b.setMode(7))));
    Finding f = assertFinds(inspection, FindingCode.MODE_UNKNOWN, MOUNT);
    assertTrue(f.message().contains("7"), f.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2..2", "6..7", "1..2"})
  @Shows(FindingCode.PROTOCOL_UNSUPPORTED)
  void aProtocolRangeOutsideTheKernelsThreeToFiveIsAnError(String range) throws Exception {
    int min = Integer.parseInt(range.substring(0, 1));
    int max = Integer.parseInt(range.substring(3));
    Inspection inspection = inspect(healthy(a -> a.protocol(min, max)));
    assertFinds(inspection, FindingCode.PROTOCOL_UNSUPPORTED, MOUNT);
  }

  @Test
  @Shows(FindingCode.PROTOCOL_RANGE_INVERTED)
  void aMinprotoAboveMaxprotoIsAnError() throws Exception {
    Inspection inspection = inspect(healthy(a -> a.protocol(5, 4)));
    assertFinds(inspection, FindingCode.PROTOCOL_RANGE_INVERTED, MOUNT);
  }

  @Test
  @Shows(FindingCode.OPTION_MALFORMED)
  void aMalformedOptionValueIsAnErrorNamingTheOption() throws Exception {
    Inspection inspection =
        inspect(
            healthy(
                a ->
                    a.options(
                        "fd=abc,pgrp=32,timeout=300,minproto=5,maxproto=5,indirect,pipe_ino=28133")));
    Finding f = assertFinds(inspection, FindingCode.OPTION_MALFORMED, MOUNT);
    assertTrue(f.message().contains("'fd'"), f.message());
  }

  @Test
  @Shows(FindingCode.OPTION_UNKNOWN)
  void anOptionTheKernelDoesNotKnowIsAnErrorNamingIt() throws Exception {
    Inspection inspection = inspect(healthy(a -> a.extraOptions(",nobrowse=1")));
    Finding f = assertFinds(inspection, FindingCode.OPTION_UNKNOWN, MOUNT);
    assertTrue(f.message().contains("'nobrowse'"), f.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"strictexpire", "ignore"})
  @Shows(FindingCode.OPTION_DROPPED_BY_CRIU)
  void strictexpireAndIgnoreAreAWarningBecauseCriuDropsThem(String option) throws Exception {
    Inspection inspection =
        inspect(
            healthy(
                a -> {
                  if (option.equals("ignore")) {
                    a.ignore();
                  } else {
                    a.strictexpire();
                  }
                }));
    Finding f = assertFinds(inspection, FindingCode.OPTION_DROPPED_BY_CRIU, MOUNT);
    assertTrue(f.message().contains(option), f.message());
  }

  @Test
  @Shows(FindingCode.SOURCES_DIFFER)
  void optionsAndAutofsImageThatDisagreeAreAWarningNamingTheField() throws Exception {
    Inspection inspection = inspect(healthy(a -> a.image(b -> b.setTimeout(600))));
    Finding f = assertFinds(inspection, FindingCode.SOURCES_DIFFER, MOUNT);
    assertTrue(f.message().contains("timeout"), f.message());
    assertEquals(600L, mount(inspection, MOUNT).timeout(), "the image's value is used");
  }

  @Test
  @Shows(FindingCode.MOUNT_BELOW_INDIRECT)
  void aMountBelowAnIndirectMountIsNotedWithItsPath() throws Exception {
    Inspection inspection = inspect(healthy(a -> {}).plainMount(MOUNT + "/foo"));
    Finding f = assertFinds(inspection, FindingCode.MOUNT_BELOW_INDIRECT, MOUNT);
    assertTrue(f.message().contains(MOUNT + "/foo"), f.message());
    assertEquals(1, mount(inspection, MOUNT).mountsBelow().size());
  }

  @ParameterizedTest
  @EnumSource(
      value = AutofsMode.class,
      names = {"DIRECT", "OFFSET"})
  @Shows(FindingCode.STALE_DEVICE_IN_OWNER)
  void aDirectOrOffsetMountWithALiveOwnerWarnsOfTheStaleDevice(AutofsMode mode) throws Exception {
    Inspection inspection = inspect(healthy(a -> a.mode(mode)));
    Finding f = assertFinds(inspection, FindingCode.STALE_DEVICE_IN_OWNER, MOUNT);
    assertTrue(f.message().contains("0:50"), f.message());
  }

  @Test
  @Shows(FindingCode.SHARED_SUPERBLOCK)
  void twoAutofsMountsOfOneSuperblockAreAWarningOnEach() throws Exception {
    Inspection inspection =
        inspect(
            healthy(a -> {})
                .plainMount("/mnt")
                .autofsMount("/mnt/bound", a -> a.owner(OWNER, 5, PIPE).superblock(50)));
    assertFinds(inspection, FindingCode.SHARED_SUPERBLOCK, MOUNT);
    assertFinds(inspection, FindingCode.SHARED_SUPERBLOCK, "/mnt/bound");
  }

  @Test
  @Shows(FindingCode.CATATONIC)
  void aCatatonicMountIsNotedAndHasNoOwnerToResolve() throws Exception {
    Inspection inspection = inspect(healthy(a -> a.catatonic(13516)));
    assertFinds(inspection, FindingCode.CATATONIC, MOUNT);
    AutofsMount m = mount(inspection, MOUNT);
    assertTrue(m.catatonic());
    assertTrue(m.owner().isEmpty());
    assertEquals(
        List.of(FindingCode.CATATONIC),
        inspection.allFindings().stream().map(Finding::code).toList(),
        "not 'owner missing'");
  }

  @Test
  @Shows(FindingCode.NO_AUTOFS_MOUNTS)
  void aDumpWithoutAutofsMountsSaysSoOnTheDumpAsAWhole() throws Exception {
    Inspection inspection =
        inspect(base().plainMount("/srv").plainMount("/proc", Fstype.PROC, "proc", ""));
    assertFinds(inspection, FindingCode.NO_AUTOFS_MOUNTS, null);
    assertEquals(0, inspection.mounts().size());
  }

  @Test
  @Shows(FindingCode.SYSTEMD_AUTOMOUNT)
  void aMountOfSystemdNamesTheUnitToRestartAfterTheRestore() throws Exception {
    Inspection inspection =
        inspect(
            base()
                .autofsMount(
                    "/srv/my dir",
                    a -> a.direct().owner(OWNER, 5, PIPE).superblock(50).source("systemd-1")));
    Finding f = assertFinds(inspection, FindingCode.SYSTEMD_AUTOMOUNT, "/srv/my dir");
    assertTrue(
        f.action().startsWith("After restoring it, run systemctl restart srv-my\\x20dir.automount"),
        f.action());
  }
}
