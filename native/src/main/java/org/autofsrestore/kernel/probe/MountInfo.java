package org.autofsrestore.kernel.probe;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.autofsrestore.kernel.Dev;
import org.autofsrestore.kernel.MountState;

/**
 * One line of /proc/PID/mountinfo, every field, with octal escapes (\040 and the like) decoded.
 *
 * @param mountId (1) unique id of the mount
 * @param parentId (2) id of the parent mount (itself for the root of the namespace's tree)
 * @param major (3) st_dev major of files on this filesystem
 * @param minor (3) st_dev minor
 * @param root (4) the directory of the filesystem that forms this mount's root
 * @param mountPoint (5) where it is mounted, relative to the process's root
 * @param mountOptions (6) per-mount options (rw, nosuid, relatime, ...)
 * @param optionalFields (7) shared:N, master:N, propagate_from:N, unbindable
 * @param fsType (9) filesystem type, e.g. autofs
 * @param source (10) mount source, e.g. the map name for autofs
 * @param superOptions (11) per-superblock options: for autofs fd=, pgrp=, timeout=, ...
 */
public record MountInfo(
    int mountId,
    int parentId,
    long major,
    long minor,
    String root,
    String mountPoint,
    String mountOptions,
    List<String> optionalFields,
    String fsType,
    String source,
    String superOptions) {

  public MountInfo {
    Objects.requireNonNull(root);
    Objects.requireNonNull(mountPoint);
    Objects.requireNonNull(mountOptions);
    optionalFields = List.copyOf(optionalFields);
    Objects.requireNonNull(fsType);
    Objects.requireNonNull(source);
    Objects.requireNonNull(superOptions);
  }

  /**
   * The line /proc/self/mountinfo shows for {@code state}'s mount: the old (reusable) ids,
   * major:minor, root, mount point, per-mount options, propagation fields, type, source and super
   * options, decoded as {@link MountTable} decodes them.
   *
   * @throws IllegalArgumentException when the kernel did not answer a field the line needs ({@link
   *     MountState#lacking()})
   */
  public static MountInfo from(MountState state) {
    if (!state.lacking().isEmpty()) {
      throw new IllegalArgumentException(
          "statmount did not answer "
              + String.join(", ", state.lacking())
              + " for "
              + state.path());
    }
    return new MountInfo(
        state.oldMountId(),
        state.oldParentId(),
        state.devMajor(),
        state.devMinor(),
        state.root(),
        state.mountPoint(),
        state.mountOptions(),
        state.optionalFields(),
        state.fsTypeField(),
        state.source(),
        MountTable.unescape(state.superOptions()));
  }

  /**
   * This mount as a mountinfo line (without the newline), escaped as the kernel escapes it: space,
   * tab, newline and backslash in names as {@code \ooo}. The same text the kernel printed for a
   * line {@link MountTable} parsed, except where a filesystem escaped more than those four in its
   * super options (a value holding ',' or '=' printed as \054 or \075 comes back unescaped).
   */
  public String line() {
    StringBuilder b = new StringBuilder(160);
    b.append(mountId).append(' ').append(parentId).append(' ');
    b.append(major).append(':').append(minor).append(' ');
    mangle(b, root).append(' ');
    mangle(b, mountPoint).append(' ');
    b.append(mountOptions);
    for (String f : optionalFields) {
      mangle(b.append(' '), f);
    }
    b.append(" - ");
    mangle(b, fsType).append(' ');
    mangle(b, source).append(' ');
    mangle(b, superOptions);
    return b.toString();
  }

  /** Appends {@code s} with the kernel's mangle(): ' ', '\t', '\n' and '\\' as octal escapes. */
  private static StringBuilder mangle(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\\') {
        b.append(String.format(Locale.ROOT, "\\%03o", (int) c));
      } else {
        b.append(c);
      }
    }
    return b;
  }

  /** The device number in glibc's encoding: what stat(2) gives as st_dev, OPENMOUNT's devid. */
  public long dev() {
    return Dev.makedev(major, minor);
  }

  public boolean isAutofs() {
    return "autofs".equals(fsType);
  }

  /**
   * The value of {@code key=value} in the super options; "" for a flag that is present without a
   * value; empty when absent. The last occurrence wins.
   */
  public Optional<String> superOption(String key) {
    return MountOptions.get(superOptions, key);
  }

  /** The per-mount option {@code key}, as {@link #superOption}. */
  public Optional<String> mountOption(String key) {
    return MountOptions.get(mountOptions, key);
  }

  /** The autofs state in the super options; empty for other filesystems. */
  public Optional<AutofsOptions> autofsOptions() {
    return isAutofs() ? Optional.of(AutofsOptions.parse(superOptions)) : Optional.empty();
  }
}
