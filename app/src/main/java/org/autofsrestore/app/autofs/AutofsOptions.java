package org.autofsrestore.app.autofs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An autofs mount's option string, parsed the way the kernel parses it (fs/autofs/inode.c), plus
 * the two words mountinfo adds that are not mount options ({@code timeout=} and {@code pipe_ino=}).
 * Nothing here throws: a malformed value or an unknown word is kept as a {@link Problem} naming the
 * option.
 *
 * @param raw the string as the dump holds it
 * @param words every comma-separated word in order, with what it meant
 */
public record AutofsOptions(
    String raw,
    List<Word> words,
    Optional<Integer> fd,
    Optional<Integer> pgrp,
    Optional<Long> timeout,
    Optional<Integer> minproto,
    Optional<Integer> maxproto,
    Optional<AutofsMode> mode,
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

  public static AutofsOptions parse(String raw) {
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
    return new AutofsOptions(
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
    AutofsMode mode;
    Integer uid;
    Integer gid;
    boolean strictexpire;
    boolean ignore;
    Long pipeIno;

    void accept(String name, String value) {
      switch (name) {
        // mountinfo prints fd=-1 for a catatonic mount, so fd and pipe_ino take -1.
        case "fd" -> fd = intValue(name, value, Kind.MOUNT_OPTION, true);
        case "pgrp" -> pgrp = intValue(name, value, Kind.MOUNT_OPTION, false);
        case "minproto" -> minproto = intValue(name, value, Kind.MOUNT_OPTION, false);
        case "maxproto" -> maxproto = intValue(name, value, Kind.MOUNT_OPTION, false);
        case "uid" -> uid = intValue(name, value, Kind.MOUNT_OPTION, false);
        case "gid" -> gid = intValue(name, value, Kind.MOUNT_OPTION, false);
        case "timeout" -> timeout = longValue(name, value, Kind.STATE, false);
        case "pipe_ino" -> pipeIno = longValue(name, value, Kind.STATE, true);
        case "direct", "indirect", "offset" -> {
          if (flag(name, value, Kind.MODE)) {
            mode = AutofsMode.ofOption(name).orElseThrow();
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

    private Integer intValue(String name, String value, Kind kind, boolean minusOneAllowed) {
      Long parsed = longValue(name, value, kind, minusOneAllowed);
      if (parsed == null) {
        return null;
      }
      if (parsed > 0xFFFF_FFFFL) {
        replaceWithMalformed(name, value, "above 4294967295, the largest 32-bit value");
        return null;
      }
      return (int) (long) parsed;
    }

    private Long longValue(String name, String value, Kind kind, boolean minusOneAllowed) {
      String reason = null;
      Long parsed = null;
      if (value == null || value.isEmpty()) {
        reason = "needs a value";
      } else if (minusOneAllowed && value.equals("-1")) {
        parsed = -1L;
      } else if (!value.chars().allMatch(c -> c >= '0' && c <= '9')) {
        reason = "'" + value + "' is not a number";
      } else if (value.length() > 20 || new java.math.BigInteger(value).bitLength() > 63) {
        reason = "'" + value + "' overflows";
      } else {
        parsed = Long.parseLong(value);
      }
      if (reason != null) {
        words.add(new Word(name, value, Kind.MALFORMED));
        problems.add(new Problem(name, reason));
        return null;
      }
      words.add(new Word(name, value, kind));
      return parsed;
    }

    private void replaceWithMalformed(String name, String value, String reason) {
      words.set(words.size() - 1, new Word(name, value, Kind.MALFORMED));
      problems.add(new Problem(name, "'" + value + "' is " + reason));
    }
  }
}
