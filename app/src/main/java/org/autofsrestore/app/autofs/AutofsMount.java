package org.autofsrestore.app.autofs;

import java.util.List;
import java.util.Optional;
import org.autofsrestore.app.dump.AutofsImage;
import org.autofsrestore.app.dump.ImagePart;
import org.autofsrestore.app.dump.MountEntry;
import org.autofsrestore.kernel.probe.AutofsOptionString;

/**
 * Everything known about one autofs mount of the dump: the mount, both sources of its state (the
 * option string and autofs-N.img), the values a restore uses, its owner, and its findings.
 *
 * <p>The effective values come from autofs-N.img when it was read (that is what CRIU restores from)
 * and from the option string otherwise. {@code pgrp} is autofs-N.img's, as seen inside the dump;
 * {@code optionsPgrp} is the option string's, as CRIU saw it from outside.
 */
public record AutofsMount(
    MountEntry mount,
    AutofsOptionString options,
    ImagePart<AutofsImage> image,
    Optional<AutofsMode> mode,
    Long timeout,
    Integer minproto,
    Integer maxproto,
    Integer uid,
    Integer gid,
    Integer fd,
    Integer pgrp,
    Integer optionsPgrp,
    Long pipeIno,
    Integer readFd,
    boolean catatonic,
    Optional<Owner> owner,
    List<MountEntry> mountsBelow,
    List<Finding> findings) {

  public String mountpoint() {
    return mount.mountpoint();
  }

  /** This mount with {@code more} findings after its own. */
  public AutofsMount withFindings(List<Finding> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<Finding> all = new java.util.ArrayList<>(findings);
    all.addAll(more);
    return new AutofsMount(
        mount,
        options,
        image,
        mode,
        timeout,
        minproto,
        maxproto,
        uid,
        gid,
        fd,
        pgrp,
        optionsPgrp,
        pipeIno,
        readFd,
        catatonic,
        owner,
        mountsBelow,
        List.copyOf(all));
  }

  public Optional<Finding> worstFinding() {
    return Finding.worst(findings);
  }

  public boolean hasErrors() {
    for (Finding f : findings) {
      if (f.severity() == Severity.ERROR) {
        return true;
      }
    }
    return false;
  }
}
