package org.autofsrestore.kernel.probe;

import java.util.OptionalInt;
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
   * Parses the super options of an autofs line.
   *
   * @throws IllegalArgumentException when fd= or pgrp= is missing or a number is malformed
   */
  public static AutofsOptions parse(String superOptions) {
    OptionalInt fd = OptionalInt.empty();
    OptionalLong pgrp = OptionalLong.empty();
    long timeout = 0;
    int minproto = 0;
    int maxproto = 0;
    String mode = "";
    OptionalLong uid = OptionalLong.empty();
    OptionalLong gid = OptionalLong.empty();
    boolean strictexpire = false;
    boolean ignore = false;
    OptionalLong pipeIno = OptionalLong.empty();
    for (String o : MountOptions.split(superOptions)) {
      int eq = o.indexOf('=');
      String key = eq < 0 ? o : o.substring(0, eq);
      String value = eq < 0 ? "" : o.substring(eq + 1);
      try {
        switch (key) {
          case "fd":
            fd = OptionalInt.of(Integer.parseInt(value));
            break;
          case "pgrp":
            pgrp = OptionalLong.of(Long.parseLong(value));
            break;
          case "timeout":
            timeout = Long.parseUnsignedLong(value);
            break;
          case "minproto":
            minproto = Integer.parseInt(value);
            break;
          case "maxproto":
            maxproto = Integer.parseInt(value);
            break;
          case "uid":
            uid = OptionalLong.of(Long.parseLong(value));
            break;
          case "gid":
            gid = OptionalLong.of(Long.parseLong(value));
            break;
          case "pipe_ino":
            pipeIno = OptionalLong.of(Long.parseLong(value));
            break;
          case "direct":
          case "indirect":
          case "offset":
            mode = key;
            break;
          case "strictexpire":
            strictexpire = true;
            break;
          case "ignore":
            ignore = true;
            break;
          default:
            // rw and whatever later kernels add
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "malformed " + key + "= in autofs options: " + superOptions, e);
      }
    }
    if (fd.isEmpty() || pgrp.isEmpty()) {
      throw new IllegalArgumentException("autofs options lack fd= or pgrp=: " + superOptions);
    }
    return new AutofsOptions(
        fd.getAsInt(),
        pgrp.getAsLong(),
        timeout,
        minproto,
        maxproto,
        mode,
        uid,
        gid,
        strictexpire,
        ignore,
        pipeIno);
  }
}
