package org.autofsrestore.kernel.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An autofs mount's option string, parsed the way the kernel parses it (fs/autofs/inode.c), plus
 * the two words mountinfo adds that are not mount options ({@code timeout=} and {@code pipe_ino=}).
 * Nothing here throws: a malformed value or an unknown word is kept as a {@link Problem} naming the
 * option. The one grammar of autofs options: a dump's option strings (the app's analysis) and the
 * live mountinfo line ({@link AutofsOptions}) are both read with it.
 *
 * @param raw the string as the dump holds it
 * @param words every comma-separated word in order, with what it meant
 * @param mode the last mode word: "direct", "indirect" or "offset"
 */
public record AutofsOptionString(
    String raw,
    List<Word> words,
    Optional<Integer> fd,
    Optional<Integer> pgrp,
    Optional<Long> timeout,
    Optional<Integer> minproto,
    Optional<Integer> maxproto,
    Optional<String> mode,
    Optional<Integer> uid,
    Optional<Integer> gid,
    boolean strictexpire,
    boolean ignore,
    Optional<Long> pipeIno,
    List<Problem> problems) {

  /** What one option word was taken for. */
  public enum Kind {
    /** A mount option the kernel accepts and a restore passes on. */
    MOUNT_OPTION,
    /** A value mountinfo shows that is not a mount option (timeout=, pipe_ino=). */
    STATE,
    /** A mode word (direct, indirect, offset); the last one wins. */
    MODE,
    /** A word the kernel would refuse. */
    UNKNOWN,
    /** A known option whose value does not parse. */
    MALFORMED
  }

  /** One option word. */
  public record Word(String name, String value, Kind kind) {
    @Override
    public String toString() {
      return value == null ? name : name + "=" + value;
    }
  }

  /** A word the kernel would refuse, and why. */
  public record Problem(String option, String reason) {}

  public static AutofsOptionString parse(String raw) {
    Builder b = new Builder();
    String text = raw == null ? "" : raw;
    for (String token : text.split(",", -1)) {
      if (token.isEmpty()) {
        continue;
      }
      int eq = token.indexOf('=');
      String name = eq < 0 ? token : token.substring(0, eq);
      String value = eq < 0 ? null : token.substring(eq + 1);
      b.accept(name, value);
    }
    return new AutofsOptionString(
        text,
        List.copyOf(b.words),
        Optional.ofNullable(b.fd),
        Optional.ofNullable(b.pgrp),
        Optional.ofNullable(b.timeout),
        Optional.ofNullable(b.minproto),
        Optional.ofNullable(b.maxproto),
        Optional.ofNullable(b.mode),
        Optional.ofNullable(b.uid),
        Optional.ofNullable(b.gid),
        b.strictexpire,
        b.ignore,
        Optional.ofNullable(b.pipeIno),
        List.copyOf(b.problems));
  }

  private static final class Builder {
    final List<Word> words = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();
    Integer fd;
    Integer pgrp;
    Long timeout;
    Integer minproto;
    Integer maxproto;
    String mode;
    Integer uid;
    Integer gid;
    boolean strictexpire;
    boolean ignore;
    Long pipeIno;

    void accept(String name, String value) {
      switch (name) {
        // fsparam_fd: kstrtouint, then at most INT_MAX. mountinfo prints fd=-1 for a catatonic
        // mount, so -1 is read too (as mountinfo state; the kernel refuses it as an option).
        case "fd" -> fd = optionNumber(name, value, INT_MAX, "the largest fd", true);
        // fsparam_u32 into an int: above INT_MAX no process group or protocol matches.
        case "pgrp" -> pgrp = optionNumber(name, value, INT_MAX, "the largest pid", false);
        case "minproto" ->
            minproto = optionNumber(name, value, INT_MAX, "the largest protocol", false);
        case "maxproto" ->
            maxproto = optionNumber(name, value, INT_MAX, "the largest protocol", false);
        // u32 ids; (uid_t)-1 is the invalid id the kernel refuses.
        case "uid" -> uid = optionNumber(name, value, INVALID_ID - 1, "the largest uid", false);
        case "gid" -> gid = optionNumber(name, value, INVALID_ID - 1, "the largest gid", false);
        // Printed by mountinfo in decimal (%lu, %ld); not mount options.
        case "timeout" -> timeout = stateNumber(name, value, false);
        case "pipe_ino" -> pipeIno = stateNumber(name, value, true);
        case "direct", "indirect", "offset" -> {
          if (flag(name, value, Kind.MODE)) {
            mode = name;
          }
        }
        case "strictexpire" -> strictexpire |= flag(name, value, Kind.MOUNT_OPTION);
        case "ignore" -> ignore |= flag(name, value, Kind.MOUNT_OPTION);
        default -> {
          words.add(new Word(name, value, Kind.UNKNOWN));
          problems.add(new Problem(name, "unknown option; the kernel refuses it with EINVAL"));
        }
      }
    }

    private boolean flag(String name, String value, Kind kind) {
      if (value != null) {
        words.add(new Word(name, value, Kind.MALFORMED));
        problems.add(new Problem(name, "takes no value, found " + name + "=" + value));
        return false;
      }
      words.add(new Word(name, null, kind));
      return true;
    }

    /**
     * A mount option's number as the kernel reads it: kstrtouint in base 0, then the option's own
     * bound. Returns null (and records the problem) when the kernel would refuse it; a value above
     * INT_MAX (uid, gid) keeps its 32 bits, as CRIU's int32 fields do.
     */
    private Integer optionNumber(
        String name, String value, long max, String maxName, boolean minusOneAllowed) {
      String reason;
      if (value == null || value.isEmpty()) {
        reason = "needs a value";
      } else if (minusOneAllowed && value.equals("-1")) {
        words.add(new Word(name, value, Kind.MOUNT_OPTION));
        return -1;
      } else {
        long parsed = kstrtouint(value);
        if (parsed == NOT_A_NUMBER) {
          reason = "'" + value + "' is not a number the kernel reads (kstrtouint: EINVAL)";
        } else if (parsed == OUT_OF_RANGE) {
          reason = "'" + value + "' overflows 32 bits (kstrtouint: ERANGE)";
        } else if (parsed > max) {
          reason = "'" + value + "' is above " + max + ", " + maxName;
        } else {
          words.add(new Word(name, value, Kind.MOUNT_OPTION));
          return (int) parsed;
        }
      }
      words.add(new Word(name, value, Kind.MALFORMED));
      problems.add(new Problem(name, reason));
      return null;
    }

    /** A decimal number mountinfo printed (timeout=, pipe_ino=). */
    private Long stateNumber(String name, String value, boolean minusOneAllowed) {
      String reason = null;
      Long parsed = null;
      if (value == null || value.isEmpty()) {
        reason = "needs a value";
      } else if (minusOneAllowed && value.equals("-1")) {
        parsed = -1L;
      } else if (!decimalDigits(value)) {
        reason = "'" + value + "' is not a number";
      } else if (value.length() > 20 || aboveLongMax(value)) {
        reason = "'" + value + "' overflows";
      } else {
        parsed = Long.parseLong(value);
      }
      if (reason != null) {
        words.add(new Word(name, value, Kind.MALFORMED));
        problems.add(new Problem(name, reason));
        return null;
      }
      words.add(new Word(name, value, Kind.STATE));
      return parsed;
    }
  }

  private static boolean decimalDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Whether the decimal digits {@code digits} are a number above Long.MAX_VALUE. */
  private static boolean aboveLongMax(String digits) {
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(i) - '0';
      if (value > (Long.MAX_VALUE - d) / 10) {
        return true;
      }
      value = value * 10 + d;
    }
    return false;
  }

  private static final long INT_MAX = Integer.MAX_VALUE;
  private static final long UINT_MAX = 0xFFFF_FFFFL;
  private static final long INVALID_ID = UINT_MAX;
  private static final long NOT_A_NUMBER = -1;
  private static final long OUT_OF_RANGE = -2;

  /**
   * lib/kstrtox.c kstrtouint(s, 0): an optional '+', then hex after "0x"/"0X" (when a hex digit
   * follows), octal after a leading "0", decimal otherwise; one trailing newline allowed; nothing
   * else. Returns the value, {@link #NOT_A_NUMBER} (EINVAL) or {@link #OUT_OF_RANGE} (ERANGE).
   */
  static long kstrtouint(String text) {
    String s = text.startsWith("+") ? text.substring(1) : text;
    int base = 10;
    int at = 0;
    if (s.startsWith("0")) {
      if (s.length() > 2
          && Character.toLowerCase(s.charAt(1)) == 'x'
          && Character.digit(s.charAt(2), 16) >= 0) {
        base = 16;
        at = 2;
      } else {
        base = 8;
      }
    }
    long value = 0; // unsigned 64 bits, as _parse_integer reads
    boolean overflow = false;
    int digits = 0;
    for (; at < s.length(); at++, digits++) {
      char c = s.charAt(at);
      int d = c > 0x7f ? -1 : Character.digit(c, base);
      if (d < 0) {
        break;
      }
      if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, base)) > 0) {
        overflow = true; // the kernel reads on and then says ERANGE
      }
      value = value * base + d;
    }
    if (overflow) {
      return OUT_OF_RANGE;
    }
    if (digits == 0) {
      return NOT_A_NUMBER;
    }
    if (at < s.length() && s.charAt(at) == '\n') {
      at++;
    }
    if (at != s.length()) {
      return NOT_A_NUMBER;
    }
    return Long.compareUnsigned(value, UINT_MAX) > 0 ? OUT_OF_RANGE : value;
  }
}
