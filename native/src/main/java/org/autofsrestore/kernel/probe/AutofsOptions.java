package org.autofsrestore.kernel.probe;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The autofs state the kernel prints in mountinfo's super options: {@code
 * fd=N[,uid=U][,gid=G],pgrp=P,timeout=T,minproto=A,maxproto=B,<mode>[,strictexpire][,ignore],pipe_ino=I}.
 *
 * @param fd the pipe fd number in the owner's table; -1 when catatonic
 * @param pgrp the owner's process group (kept when catatonic)
 * @param timeout expire timeout, seconds (unsigned; printed as %lu)
 * @param minproto minproto=
 * @param maxproto maxproto=
 * @param mode "direct", "indirect" or "offset" (the last one printed wins), "" if none
 * @param uid uid= when printed
 * @param gid gid= when printed
 * @param strictexpire the strictexpire flag
 * @param ignore the ignore flag
 * @param pipeIno the pipe's inode number, -1 when catatonic; empty on kernels that do not print it
 */
public record AutofsOptions(
    int fd,
    long pgrp,
    long timeout,
    int minproto,
    int maxproto,
    String mode,
    OptionalLong uid,
    OptionalLong gid,
    boolean strictexpire,
    boolean ignore,
    OptionalLong pipeIno) {

  /** True when the mount has no pipe: every lookup fails with ENOENT at once. */
  public boolean catatonic() {
    return fd == -1;
  }

  /**
   * Parses the super options of an autofs line with the autofs grammar ({@link
   * AutofsOptionString}); words that are not autofs options (rw, and whatever later kernels add)
   * are passed over.
   *
   * @throws IllegalArgumentException when fd= or pgrp= is missing or a value is malformed
   */
  public static AutofsOptions parse(String superOptions) {
    AutofsOptionString parsed = AutofsOptionString.parse(superOptions);
    for (AutofsOptionString.Word w : parsed.words()) {
      if (w.kind() == AutofsOptionString.Kind.MALFORMED) {
        throw new IllegalArgumentException(
            "malformed " + w + " in autofs options (" + reason(parsed, w) + "): " + superOptions);
      }
    }
    if (parsed.fd().isEmpty() || parsed.pgrp().isEmpty()) {
      throw new IllegalArgumentException("autofs options lack fd= or pgrp=: " + superOptions);
    }
    return new AutofsOptions(
        parsed.fd().get(),
        parsed.pgrp().get(),
        parsed.timeout().orElse(0L),
        parsed.minproto().orElse(0),
        parsed.maxproto().orElse(0),
        parsed.mode().orElse(""),
        unsigned(parsed.uid()),
        unsigned(parsed.gid()),
        parsed.strictexpire(),
        parsed.ignore(),
        parsed.pipeIno().isPresent()
            ? OptionalLong.of(parsed.pipeIno().get())
            : OptionalLong.empty());
  }

  private static String reason(AutofsOptionString parsed, AutofsOptionString.Word w) {
    for (AutofsOptionString.Problem p : parsed.problems()) {
      if (p.option().equals(w.name())) {
        return p.reason();
      }
    }
    return "malformed";
  }

  /** A u32 id as the kernel prints it (%u). */
  private static OptionalLong unsigned(Optional<Integer> id) {
    return id.isPresent()
        ? OptionalLong.of(Integer.toUnsignedLong(id.get()))
        : OptionalLong.empty();
  }
}
