package org.autofsrestore.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One mount as statmount(2) describes it (struct statmount, Linux 6.8+), with what statx(2) said
 * about the path asked for: the answer of {@link MountQuery.StatMount}.
 *
 * <p>Strings are what the kernel gives: {@code source}, {@code mountPoint} and {@code root} raw (no
 * octal escapes, unlike mountinfo); {@code options} exactly as the filesystem prints them, its own
 * escapes kept. A group the kernel did not fill (see {@link #mask()} and {@link #lacking()}) leaves
 * its numbers 0 and its strings "".
 *
 * <p>{@link #mountOptions()}, {@link #optionalFields()}, {@link #fsTypeField()} and {@link
 * #superOptions()} give the mountinfo fields that /proc/self/mountinfo derives from the same kernel
 * state, with one known difference: the superblock flag SB_MANDLOCK (mountinfo's {@code ,mand}) is
 * not in statmount's sb_flags, so a mount made with {@code mand} lacks it here.
 *
 * @param path the path asked about, as given
 * @param atPath true when {@code path} is the root of this mount (statx STATX_ATTR_MOUNT_ROOT):
 *     this is the mount AT the path. False when the path lies inside this mount but is not its
 *     root, so no mount is at the path itself.
 * @param mask the STATMOUNT_* groups the kernel filled in
 * @param supportedMask the STATMOUNT_* groups this kernel supports (STATMOUNT_SUPPORTED_MASK, Linux
 *     6.14); 0 when the kernel did not say
 * @param mountId the unique 64-bit mount id (never reused)
 * @param parentId the unique id of the parent mount (its own id for the namespace's root)
 * @param oldMountId the reusable mount id: mountinfo's field 1
 * @param oldParentId the reusable id of the parent: mountinfo's field 2
 * @param devMajor the superblock's device major: mountinfo's field 3
 * @param devMinor the superblock's device minor
 * @param magic the superblock magic, e.g. 0x187 for autofs
 * @param sbFlags SB_RDONLY, SB_SYNCHRONOUS, SB_DIRSYNC and SB_LAZYTIME as set on the superblock
 * @param fsType the filesystem type, e.g. autofs
 * @param fsSubtype the subtype (fuse's), "" when none
 * @param source the mount source, e.g. the map name for autofs
 * @param mountPoint where the mount is, relative to this process's root
 * @param root the directory of the filesystem that is this mount's root
 * @param attributes MOUNT_ATTR_* of this mount
 * @param propagation MS_SHARED, MS_SLAVE, MS_UNBINDABLE, or MS_PRIVATE when none of those
 * @param peerGroup the shared peer group id (0 unless shared)
 * @param master the peer group this mount receives propagation from (0 unless a slave)
 * @param propagateFrom the nearest dominating peer group reachable from this root (0 if none)
 * @param options the filesystem's own options, comma separated, without {@code rw}/{@code ro} and
 *     the superblock flags: for autofs {@code
 *     fd=N[,uid=U][,gid=G],pgrp=P,timeout=T,minproto=A,maxproto=B,<mode>[,strictexpire][,ignore],pipe_ino=I}
 */
public record MountState(
    String path,
    boolean atPath,
    long mask,
    long supportedMask,
    long mountId,
    long parentId,
    int oldMountId,
    int oldParentId,
    long devMajor,
    long devMinor,
    long magic,
    int sbFlags,
    String fsType,
    String fsSubtype,
    String source,
    String mountPoint,
    String root,
    long attributes,
    long propagation,
    long peerGroup,
    long master,
    long propagateFrom,
    String options) {

  // ---- statmount(2) mask bits (include/uapi/linux/mount.h)
  public static final long STATMOUNT_SB_BASIC = 0x1;
  public static final long STATMOUNT_MNT_BASIC = 0x2;
  public static final long STATMOUNT_PROPAGATE_FROM = 0x4;
  public static final long STATMOUNT_MNT_ROOT = 0x8;
  public static final long STATMOUNT_MNT_POINT = 0x10;
  public static final long STATMOUNT_FS_TYPE = 0x20;
  public static final long STATMOUNT_MNT_NS_ID = 0x40;
  public static final long STATMOUNT_MNT_OPTS = 0x80;
  public static final long STATMOUNT_FS_SUBTYPE = 0x100;
  public static final long STATMOUNT_SB_SOURCE = 0x200;
  public static final long STATMOUNT_OPT_ARRAY = 0x400;
  public static final long STATMOUNT_OPT_SEC_ARRAY = 0x800;
  public static final long STATMOUNT_SUPPORTED_MASK = 0x1000;
  public static final long STATMOUNT_MNT_UIDMAP = 0x2000;
  public static final long STATMOUNT_MNT_GIDMAP = 0x4000;

  // ---- sb_flags (include/linux/fs.h; the values of MS_RDONLY, MS_SYNCHRONOUS, ...)
  public static final int SB_RDONLY = 1;
  public static final int SB_SYNCHRONOUS = 16;
  public static final int SB_MANDLOCK = 64;
  public static final int SB_DIRSYNC = 128;
  public static final int SB_LAZYTIME = 1 << 25;

  // ---- mnt_attr (MOUNT_ATTR_*)
  public static final long MOUNT_ATTR_RDONLY = 0x1;
  public static final long MOUNT_ATTR_NOSUID = 0x2;
  public static final long MOUNT_ATTR_NODEV = 0x4;
  public static final long MOUNT_ATTR_NOEXEC = 0x8;
  public static final long MOUNT_ATTR__ATIME = 0x70;
  public static final long MOUNT_ATTR_RELATIME = 0x0;
  public static final long MOUNT_ATTR_NOATIME = 0x10;
  public static final long MOUNT_ATTR_STRICTATIME = 0x20;
  public static final long MOUNT_ATTR_NODIRATIME = 0x80;
  public static final long MOUNT_ATTR_IDMAP = 0x100000;
  public static final long MOUNT_ATTR_NOSYMFOLLOW = 0x200000;

  // ---- mnt_propagation (MS_*)
  public static final long MS_UNBINDABLE = 1 << 17;
  public static final long MS_PRIVATE = 1 << 18;
  public static final long MS_SLAVE = 1 << 19;
  public static final long MS_SHARED = 1 << 20;

  /** AUTOFS_SUPER_MAGIC. */
  public static final long AUTOFS_SUPER_MAGIC = 0x0187;

  /** The groups a whole mountinfo line needs. */
  public static final long MOUNTINFO_GROUPS =
      STATMOUNT_SB_BASIC
          | STATMOUNT_MNT_BASIC
          | STATMOUNT_PROPAGATE_FROM
          | STATMOUNT_MNT_ROOT
          | STATMOUNT_MNT_POINT
          | STATMOUNT_FS_TYPE
          | STATMOUNT_MNT_OPTS
          | STATMOUNT_FS_SUBTYPE
          | STATMOUNT_SB_SOURCE;

  private static final long[] GROUP_BITS = {
    STATMOUNT_SB_BASIC,
    STATMOUNT_MNT_BASIC,
    STATMOUNT_PROPAGATE_FROM,
    STATMOUNT_MNT_ROOT,
    STATMOUNT_MNT_POINT,
    STATMOUNT_FS_TYPE,
    STATMOUNT_MNT_OPTS,
    STATMOUNT_FS_SUBTYPE,
    STATMOUNT_SB_SOURCE
  };
  private static final String[] GROUP_NAMES = {
    "STATMOUNT_SB_BASIC",
    "STATMOUNT_MNT_BASIC",
    "STATMOUNT_PROPAGATE_FROM",
    "STATMOUNT_MNT_ROOT",
    "STATMOUNT_MNT_POINT",
    "STATMOUNT_FS_TYPE",
    "STATMOUNT_MNT_OPTS",
    "STATMOUNT_FS_SUBTYPE",
    "STATMOUNT_SB_SOURCE"
  };

  public MountState {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(fsType, "fsType");
    Objects.requireNonNull(fsSubtype, "fsSubtype");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(mountPoint, "mountPoint");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(options, "options");
  }

  /**
   * True when the kernel answered the group {@code bit}: it filled it in, or it supports it and
   * left it out because it is empty (statmount sets no bit for a string it has nothing for: a mount
   * without options, a filesystem without subtype).
   */
  public boolean has(long bit) {
    return (mask & bit) == bit || (supportedMask & bit) == bit;
  }

  /**
   * The groups of {@link #MOUNTINFO_GROUPS} the kernel did not answer (an older kernel), by their C
   * names; empty when every mountinfo field is known.
   */
  public List<String> lacking() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < GROUP_BITS.length; i++) {
      if (!has(GROUP_BITS[i])) {
        out.add(GROUP_NAMES[i]);
      }
    }
    return out;
  }

  /** The device number in glibc's encoding: stat(2)'s st_dev, OPENMOUNT's devid. */
  public long dev() {
    return Dev.makedev(devMajor, devMinor);
  }

  public boolean isAutofs() {
    return "autofs".equals(fsType);
  }

  /**
   * mountinfo's field 6, the per-mount options, in the kernel's order: {@code rw|ro}, then nosuid,
   * nodev, noexec, noatime, nodiratime, relatime, nosymfollow, idmapped as set.
   */
  public String mountOptions() {
    StringBuilder b = new StringBuilder((attributes & MOUNT_ATTR_RDONLY) != 0 ? "ro" : "rw");
    if ((attributes & MOUNT_ATTR_NOSUID) != 0) {
      b.append(",nosuid");
    }
    if ((attributes & MOUNT_ATTR_NODEV) != 0) {
      b.append(",nodev");
    }
    if ((attributes & MOUNT_ATTR_NOEXEC) != 0) {
      b.append(",noexec");
    }
    long atime = attributes & MOUNT_ATTR__ATIME;
    if (atime == MOUNT_ATTR_NOATIME) {
      b.append(",noatime");
    }
    if ((attributes & MOUNT_ATTR_NODIRATIME) != 0) {
      b.append(",nodiratime");
    }
    if (atime == MOUNT_ATTR_RELATIME) {
      b.append(",relatime");
    }
    if ((attributes & MOUNT_ATTR_NOSYMFOLLOW) != 0) {
      b.append(",nosymfollow");
    }
    if ((attributes & MOUNT_ATTR_IDMAP) != 0) {
      b.append(",idmapped");
    }
    return b.toString();
  }

  /**
   * mountinfo's field 7, the tagged propagation fields: shared:N, master:N, propagate_from:N (only
   * when it differs from the master), unbindable.
   */
  public List<String> optionalFields() {
    List<String> out = new ArrayList<>();
    if ((propagation & MS_SHARED) != 0) {
      out.add("shared:" + peerGroup);
    }
    if ((propagation & MS_SLAVE) != 0) {
      out.add("master:" + master);
      if (propagateFrom != 0 && propagateFrom != master) {
        out.add("propagate_from:" + propagateFrom);
      }
    }
    if ((propagation & MS_UNBINDABLE) != 0) {
      out.add("unbindable");
    }
    return out;
  }

  /** mountinfo's field 9: the type, with {@code .subtype} when there is one. */
  public String fsTypeField() {
    return fsSubtype.isEmpty() ? fsType : fsType + "." + fsSubtype;
  }

  /**
   * mountinfo's field 11, as the kernel prints it there (option escapes kept): {@code rw|ro}, the
   * superblock flags sync, dirsync, lazytime, then {@link #options()}.
   */
  public String superOptions() {
    StringJoiner j = new StringJoiner(",");
    j.add((sbFlags & SB_RDONLY) != 0 ? "ro" : "rw");
    if ((sbFlags & SB_SYNCHRONOUS) != 0) {
      j.add("sync");
    }
    if ((sbFlags & SB_DIRSYNC) != 0) {
      j.add("dirsync");
    }
    if ((sbFlags & SB_MANDLOCK) != 0) {
      j.add("mand");
    }
    if ((sbFlags & SB_LAZYTIME) != 0) {
      j.add("lazytime");
    }
    if (!options.isEmpty()) {
      j.add(options);
    }
    return j.toString();
  }

  /** This state, said of a path that is (or is not) the mount's root. */
  public MountState withAtPath(boolean atPathNow) {
    return with(atPathNow, mask, supportedMask);
  }

  /** This state with other answered and supported masks (what a kernel would answer). */
  public MountState withMasks(long maskNow, long supportedNow) {
    return with(atPath, maskNow, supportedNow);
  }

  private MountState with(boolean atPathNow, long maskNow, long supportedNow) {
    return new MountState(
        path,
        atPathNow,
        maskNow,
        supportedNow,
        mountId,
        parentId,
        oldMountId,
        oldParentId,
        devMajor,
        devMinor,
        magic,
        sbFlags,
        fsType,
        fsSubtype,
        source,
        mountPoint,
        root,
        attributes,
        propagation,
        peerGroup,
        master,
        propagateFrom,
        options);
  }
}
