package org.autofsrestore.app.dump;

import org.autofsrestore.proto.Fstype;

/** One mount of one mount namespace of the dump (mountpoints-NSID.img). */
public record MountEntry(
    int mntId,
    int parentMntId,
    int mntNsId,
    int fstype,
    DeviceNumber rootDev,
    String root,
    String mountpoint,
    String source,
    String options,
    int flags,
    int sbFlags) {

  public boolean isAutofs() {
    return fstype == Fstype.AUTOFS_VALUE;
  }

  /** The autofs superblock device number N of autofs-N.img: the minor of root_dev. */
  public int superblockDevice() {
    return rootDev.minor();
  }
}
