package org.autofsrestore.app.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.autofsrestore.app.autofs.AutofsMode;
import org.autofsrestore.proto.AutofsEntry;

/**
 * An autofs mount's two records: its autofs-N.img entry and its mountinfo option string. The
 * setters without "image" or "options" in their name set both, consistently, as CRIU would have
 * written them; the others plant a difference.
 */
public final class AutofsSpec {
  private boolean stated;
  private int fd;
  private int pgrp;
  private Integer optionsPgrp;
  private Integer optionsFd;
  private int timeout = 300;
  private int minproto = 5;
  private int maxproto = 5;
  private AutofsMode mode = AutofsMode.INDIRECT;
  private String optionsMode;
  private Integer uid;
  private Integer gid;
  private Integer readFd;
  private Long pipeIno;
  private boolean strictexpire;
  private boolean ignore;
  private String rawOptions;
  private String extraOptions = "";
  private String source;
  private Integer superblock;
  private boolean writeImage = true;
  private final List<UnaryOperator<AutofsEntry.Builder>> imageEdits = new ArrayList<>();

  AutofsSpec() {}

  /**
   * A live mount owned by process group {@code pgrp} (a pid inside the dump) through its write end
   * {@code fd} of pipe {@code pipeIno}. The option string's pgrp is the same number unless {@link
   * #optionsPgrp} says otherwise.
   */
  public AutofsSpec owner(int pgrp, int fd, long pipeIno) {
    this.stated = true;
    this.pgrp = pgrp;
    this.fd = fd;
    this.pipeIno = pipeIno;
    return this;
  }

  /** A catatonic mount (fd=-1, pipe_ino=-1) with the stale pgrp CRIU keeps. */
  public AutofsSpec catatonic(int stalePgrp) {
    this.stated = true;
    this.pgrp = stalePgrp;
    this.fd = -1;
    this.pipeIno = -1L;
    return this;
  }

  /** The pipe fd in both records (after {@link #owner} or {@link #catatonic}). */
  public AutofsSpec fd(int fd) {
    this.fd = fd;
    return this;
  }

  /** autofs-N.img's pgrp (a pid inside the dump); the options show it too unless overridden. */
  public AutofsSpec pgrp(int pgrp) {
    this.pgrp = pgrp;
    return this;
  }

  public AutofsSpec mode(AutofsMode mode) {
    this.mode = mode;
    return this;
  }

  public AutofsSpec direct() {
    return mode(AutofsMode.DIRECT);
  }

  public AutofsSpec indirect() {
    return mode(AutofsMode.INDIRECT);
  }

  public AutofsSpec offset() {
    return mode(AutofsMode.OFFSET);
  }

  public AutofsSpec timeout(int seconds) {
    this.timeout = seconds;
    return this;
  }

  public AutofsSpec protocol(int min, int max) {
    this.minproto = min;
    this.maxproto = max;
    return this;
  }

  public AutofsSpec uid(int uid) {
    this.uid = uid;
    return this;
  }

  public AutofsSpec gid(int gid) {
    this.gid = gid;
    return this;
  }

  /** The write end was closed; CRIU reaches the pipe through read end {@code fd}. */
  public AutofsSpec readFd(int fd) {
    this.readFd = fd;
    return this;
  }

  public AutofsSpec strictexpire() {
    this.strictexpire = true;
    return this;
  }

  public AutofsSpec ignore() {
    this.ignore = true;
    return this;
  }

  public AutofsSpec source(String source) {
    this.source = source;
    return this;
  }

  /** The superblock device N (autofs-N.img); two mounts with one N share a superblock. */
  public AutofsSpec superblock(int sDev) {
    this.superblock = sDev;
    return this;
  }

  /** The pgrp the option string shows (as seen from outside the dump's pid namespace). */
  public AutofsSpec optionsPgrp(int pgrp) {
    this.optionsPgrp = pgrp;
    return this;
  }

  /** The fd the option string shows, when it differs from autofs-N.img's. */
  public AutofsSpec optionsFd(int fd) {
    this.optionsFd = fd;
    return this;
  }

  /** The option string's pipe_ino, when it differs from the owner's pipe. */
  public AutofsSpec optionsPipeIno(long pipeIno) {
    this.pipeIno = pipeIno;
    return this;
  }

  /** The option string has no pipe_ino (a kernel without CONFIG_CHECKPOINT_RESTORE). */
  public AutofsSpec noPipeIno() {
    this.pipeIno = null;
    return this;
  }

  /** The option string's mode word(s) instead of the mode's, e.g. "" or "direct,indirect". */
  public AutofsSpec optionsMode(String words) {
    this.optionsMode = words;
    return this;
  }

  /** Appended to the option string, e.g. {@code ",foo=bar"}. */
  public AutofsSpec extraOptions(String text) {
    this.extraOptions = text;
    return this;
  }

  /** The whole option string, as given. */
  public AutofsSpec options(String raw) {
    this.rawOptions = raw;
    return this;
  }

  /** An edit of the autofs-N.img record only (the options stay as they are). */
  public AutofsSpec image(UnaryOperator<AutofsEntry.Builder> edit) {
    imageEdits.add(edit);
    return this;
  }

  /** No autofs-N.img for this mount. */
  public AutofsSpec noImage() {
    this.writeImage = false;
    return this;
  }

  // What DumpBuilder writes of this spec: the image record and the option string CRIU would hold.

  void requireStated(String mountpoint) {
    if (!stated) {
      throw new IllegalStateException(
          "autofs mount " + mountpoint + ": say owner(...) or catatonic(...)");
    }
  }

  /** The superblock minor asked for, or {@code next} (the builder's next free one). */
  int superblockOr(int next) {
    return superblock != null ? superblock : next;
  }

  boolean asksForSuperblock() {
    return superblock != null;
  }

  String sourceOrDefault() {
    return source != null ? source : "/etc/auto.map";
  }

  /** autofs-N.img's entry, or null when {@link #noImage} asked for none. */
  AutofsEntry imageRecord() {
    if (!writeImage) {
      return null;
    }
    AutofsEntry.Builder image = CriuRecords.autofs(fd, pgrp, timeout, minproto, maxproto, mode);
    if (uid != null) {
      image.setUid(uid);
    }
    if (gid != null) {
      image.setGid(gid);
    }
    if (readFd != null) {
      image.setReadFd(readFd);
    }
    for (UnaryOperator<AutofsEntry.Builder> edit : imageEdits) {
      image = edit.apply(image);
    }
    return image.buildPartial();
  }

  /** The mount's option string in mountpoints-N.img. */
  String optionString() {
    if (rawOptions != null) {
      return rawOptions;
    }
    return CriuRecords.autofsOptions(
            optionsFd != null ? optionsFd : fd,
            uid,
            gid,
            optionsPgrp != null ? optionsPgrp : pgrp,
            timeout,
            minproto,
            maxproto,
            optionsMode == null ? mode.option() : optionsMode.isEmpty() ? null : optionsMode,
            strictexpire,
            ignore,
            pipeIno)
        + extraOptions;
  }
}
