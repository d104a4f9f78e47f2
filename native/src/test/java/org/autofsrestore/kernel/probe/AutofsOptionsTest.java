package org.autofsrestore.kernel.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.autofsrestore.kernel.probe.AutofsOptionString.Kind;
import org.autofsrestore.kernel.probe.AutofsOptionString.Word;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AutofsOptionString} parses an option string as fs/autofs/inode.c does (fs_parse with
 * autofs_param_specs: fd is fsparam_fd, pgrp/uid/gid/minproto/maxproto fsparam_u32, which read a
 * number with kstrtouint in base 0; direct/indirect/offset/strictexpire/ignore are flags), and
 * keeps what mountinfo adds (timeout=, pipe_ino=) as state. Nothing throws.
 */
class AutofsOptionsTest {
  private static final String LIVE =
      "fd=5,pgrp=12632,timeout=300,minproto=5,maxproto=5,indirect,pipe_ino=28133";

  private static Kind kindOf(AutofsOptionString o, String name) {
    return o.words().stream()
        .filter(w -> w.name().equals(name))
        .reduce((a, b) -> b)
        .map(Word::kind)
        .orElseThrow(() -> new AssertionError("no word " + name + " in " + o.words()));
  }

  @Test
  void aMountinfoLineOfALiveMountGivesEveryValue() {
    AutofsOptionString o = AutofsOptionString.parse(LIVE);
    assertEquals(Optional.of(5), o.fd());
    assertEquals(Optional.of(12632), o.pgrp());
    assertEquals(Optional.of(300L), o.timeout());
    assertEquals(Optional.of(5), o.minproto());
    assertEquals(Optional.of(5), o.maxproto());
    assertEquals(Optional.of("indirect"), o.mode());
    assertEquals(Optional.of(28133L), o.pipeIno());
    assertEquals(Optional.empty(), o.uid());
    assertFalse(o.strictexpire());
    assertFalse(o.ignore());
    assertEquals(List.of(), o.problems());
    assertEquals(LIVE, o.raw());
    assertEquals(7, o.words().size());
  }

  @ParameterizedTest
  @CsvSource({
    "'direct,indirect', indirect",
    "'indirect,direct', direct",
    "'offset,direct,offset', offset",
    "'direct', direct"
  })
  void theLastModeWordWinsAsInTheKernel(String words, String expected) {
    AutofsOptionString o = AutofsOptionString.parse("fd=5,pgrp=1," + words);
    assertEquals(Optional.of(expected), o.mode());
    assertEquals(List.of(), o.problems());
    assertTrue(o.words().stream().filter(w -> w.kind() == Kind.MODE).count() >= 1);
  }

  @Test
  void noModeWordLeavesTheModeEmpty() {
    assertEquals(Optional.empty(), AutofsOptionString.parse("fd=5,pgrp=1").mode());
  }

  @Test
  void aCatatonicMountinfoLineHasFdAndPipeInoMinusOne() {
    AutofsOptionString o =
        AutofsOptionString.parse(
            "fd=-1,pgrp=13516,timeout=120,minproto=5,maxproto=5,direct,pipe_ino=-1");
    assertEquals(Optional.of(-1), o.fd());
    assertEquals(Optional.of(-1L), o.pipeIno());
    assertEquals(Optional.of(13516), o.pgrp());
    assertEquals(List.of(), o.problems());
  }

  @Test
  void minusOneIsAValueOnlyForFdAndPipeIno() {
    AutofsOptionString o = AutofsOptionString.parse("fd=5,pgrp=-1,uid=-1,timeout=-1");
    assertEquals(
        List.of("pgrp", "uid", "timeout"),
        o.problems().stream().map(AutofsOptionString.Problem::option).toList());
  }

  @Test
  void aNonNumericFdIsAMalformedValueNamingTheOption() {
    AutofsOptionString o = AutofsOptionString.parse("fd=abc,pgrp=1,indirect");
    assertEquals(Optional.empty(), o.fd());
    assertEquals(1, o.problems().size());
    assertEquals("fd", o.problems().get(0).option());
    assertTrue(o.problems().get(0).reason().contains("abc"), o.problems().toString());
    assertEquals(Kind.MALFORMED, kindOf(o, "fd"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fd=99999999999",
        "fd=4294967295",
        "fd=2147483648",
        "pgrp=4294967296",
        "pgrp=2147483648",
        "minproto=99999999999999999999999",
        "maxproto=18446744073709551616",
        "uid=4294967295",
        "gid=4294967296"
      })
  void aValueTheKernelCannotHoldIsMalformedNotWrappedAround(String option) {
    String name = option.substring(0, option.indexOf('='));
    AutofsOptionString o = AutofsOptionString.parse(option + ",indirect");
    assertEquals(1, o.problems().size(), o.problems().toString());
    assertEquals(name, o.problems().get(0).option());
    assertEquals(Kind.MALFORMED, kindOf(o, name));
    assertEquals(Optional.empty(), o.fd(), "fd=4294967295 is not the catatonic -1");
    assertEquals(Optional.empty(), o.pgrp());
  }

  @Test
  void aValueOfMoreThanTwentyDigitsOverflowsEvenWithLeadingZeros() {
    AutofsOptionString o = AutofsOptionString.parse("timeout=000000000000000000001,indirect");
    assertEquals(1, o.problems().size(), o.problems().toString());
    assertEquals("'000000000000000000001' overflows", o.problems().get(0).reason());
    assertEquals(Kind.MALFORMED, kindOf(o, "timeout"));
  }

  @Test
  void uidAndGidTakeTheWholeUnsignedRangeButTheInvalidId() {
    AutofsOptionString o = AutofsOptionString.parse("uid=4294967294,gid=1000");
    assertEquals(List.of(), o.problems());
    assertEquals("4294967294", Integer.toUnsignedString(o.uid().orElseThrow()));
    assertEquals(Optional.of(1000), o.gid());
  }

  @ParameterizedTest
  @CsvSource({"0x10, 16", "010, 8", "+7, 7", "0, 0", "0X1f, 31"})
  void mountOptionNumbersAreReadLikeKstrtouintInBaseZero(String text, int value) {
    AutofsOptionString o = AutofsOptionString.parse("fd=" + text + ",pgrp=" + text);
    assertEquals(List.of(), o.problems());
    assertEquals(Optional.of(value), o.fd());
    assertEquals(Optional.of(value), o.pgrp());
  }

  @ParameterizedTest
  @ValueSource(strings = {"09", "0x", "0xg", "1a", "", " 5", "5 ", "--1", "+-1", "++1"})
  void textKstrtouintRefusesIsMalformed(String text) {
    AutofsOptionString o = AutofsOptionString.parse("pgrp=" + text);
    assertEquals(1, o.problems().size(), text + ": " + o.problems());
    assertEquals("pgrp", o.problems().get(0).option());
  }

  @Test
  void anOptionWithoutItsValueIsMalformed() {
    AutofsOptionString o = AutofsOptionString.parse("fd,pgrp=,indirect");
    assertEquals(
        List.of("fd", "pgrp"),
        o.problems().stream().map(AutofsOptionString.Problem::option).toList());
  }

  @Test
  void aFlagGivenAValueIsMalformedAndNotTaken() {
    AutofsOptionString o = AutofsOptionString.parse("fd=5,indirect,direct=1,strictexpire=yes");
    assertEquals(Optional.of("indirect"), o.mode());
    assertFalse(o.strictexpire());
    assertEquals(
        List.of("direct", "strictexpire"),
        o.problems().stream().map(AutofsOptionString.Problem::option).toList());
  }

  @Test
  void unknownOptionsAreKeptInOrderAndFlagged() {
    AutofsOptionString o = AutofsOptionString.parse("fd=5,nobrowse,pgrp=1,hosts=-net,indirect");
    assertEquals(
        List.of("fd", "nobrowse", "pgrp", "hosts", "indirect"),
        o.words().stream().map(Word::name).toList());
    assertEquals(Kind.UNKNOWN, kindOf(o, "nobrowse"));
    assertEquals(Kind.UNKNOWN, kindOf(o, "hosts"));
    assertEquals("-net", o.words().get(3).value());
    assertEquals(
        List.of("nobrowse", "hosts"),
        o.problems().stream().map(AutofsOptionString.Problem::option).toList());
    assertTrue(o.problems().get(0).reason().contains("EINVAL"));
  }

  @Test
  void strictexpireAndIgnoreAreMountOptions() {
    AutofsOptionString o =
        AutofsOptionString.parse(LIVE.replace("indirect", "indirect,strictexpire,ignore"));
    assertTrue(o.strictexpire());
    assertTrue(o.ignore());
    assertEquals(Kind.MOUNT_OPTION, kindOf(o, "strictexpire"));
    assertEquals(Kind.MOUNT_OPTION, kindOf(o, "ignore"));
    assertEquals(List.of(), o.problems());
  }

  @Test
  void timeoutAndPipeInoAreStateThatMountinfoShowsNotMountOptions() {
    AutofsOptionString o = AutofsOptionString.parse(LIVE);
    assertEquals(Kind.STATE, kindOf(o, "timeout"));
    assertEquals(Kind.STATE, kindOf(o, "pipe_ino"));
    for (String name : List.of("fd", "pgrp", "minproto", "maxproto")) {
      assertEquals(Kind.MOUNT_OPTION, kindOf(o, name), name);
    }
    assertEquals(Kind.MODE, kindOf(o, "indirect"));
  }

  @Test
  void aTimeoutAboveThirtyTwoBitsIsKeptAsMountinfoPrintsAnUnsignedLong() {
    AutofsOptionString o = AutofsOptionString.parse("timeout=4294967301");
    assertEquals(Optional.of(4294967301L), o.timeout());
    assertEquals(List.of(), o.problems());
  }

  @Test
  void uidAndGidAreRead() {
    AutofsOptionString o =
        AutofsOptionString.parse(
            "fd=5,uid=1000,gid=1000,pgrp=12634,timeout=60,minproto=5,maxproto=5,indirect");
    assertEquals(Optional.of(1000), o.uid());
    assertEquals(Optional.of(1000), o.gid());
  }

  @Test
  void emptyWordsAreSkippedAndANullOrEmptyStringParsesToNothing() {
    assertEquals(2, AutofsOptionString.parse(",fd=5,,indirect,").words().size());
    assertEquals(List.of(), AutofsOptionString.parse("").words());
    assertEquals("", AutofsOptionString.parse(null).raw());
  }

  @Test
  void theLastValueOfARepeatedOptionWins() {
    AutofsOptionString o = AutofsOptionString.parse("fd=5,fd=7,pgrp=1,pgrp=2");
    assertEquals(Optional.of(7), o.fd());
    assertEquals(Optional.of(2), o.pgrp());
  }

  @Test
  void theLiveStateIsReadWithTheSameGrammarAndRefusesWhatItFindsMalformed() {
    AutofsOptions live =
        AutofsOptions.parse("rw,fd=5,pgrp=12632,timeout=300,indirect,uid=4294967294");
    assertEquals(5, live.fd());
    assertEquals("indirect", live.mode());
    assertEquals(4294967294L, live.uid().orElseThrow());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AutofsOptions.parse("fd=5,pgrp=1,timeout=000000000000000000001"));
    assertTrue(e.getMessage().contains("'000000000000000000001' overflows"), e.getMessage());
  }
}
