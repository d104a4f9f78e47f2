package org.autofsrestore.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autofsrestore.kernel.MountQuery.StatMount;
import org.autofsrestore.kernel.MountState;
import org.junit.jupiter.api.Test;

/**
 * The statx and statmount layouts against include/uapi/linux/stat.h and mount.h of Linux 6.18
 * (x86_64), and the decoding of a statmount answer built by hand.
 */
class MountAbiTest {

  /**
   * C expression -> value, from the Linux 6.18 uapi headers and the x86_64 syscall table, each with
   * the macro whose presence says a machine's headers have it (null: every header since Linux 5.8).
   * Debian 12's headers are Linux 6.1's: statx's mount id, no statmount.
   */
  record HeaderValue(String expression, long value, String guard) {}

  static List<HeaderValue> headerTable() {
    List<HeaderValue> t = new ArrayList<>();
    String v58 = null;
    t.add(new HeaderValue("SYS_statx", 332, v58));
    t.add(new HeaderValue("AT_FDCWD", -100, v58));
    t.add(new HeaderValue("AT_SYMLINK_NOFOLLOW", 0x100, v58));
    t.add(new HeaderValue("AT_NO_AUTOMOUNT", 0x800, v58));
    t.add(new HeaderValue("STATX_MNT_ID", 0x1000, v58));
    t.add(new HeaderValue("STATX_ATTR_MOUNT_ROOT", 0x2000, v58));
    t.add(new HeaderValue("sizeof(struct statx)", 256, v58));
    t.add(new HeaderValue("offsetof(struct statx, stx_mask)", 0, v58));
    t.add(new HeaderValue("offsetof(struct statx, stx_attributes)", 8, v58));
    t.add(new HeaderValue("offsetof(struct statx, stx_ino)", 32, v58));
    t.add(new HeaderValue("offsetof(struct statx, stx_attributes_mask)", 56, v58));
    t.add(new HeaderValue("offsetof(struct statx, stx_atime)", 64, v58));
    t.add(new HeaderValue("offsetof(struct statx, stx_mtime)", 112, v58));
    t.add(new HeaderValue("offsetof(struct statx, stx_dev_major)", 136, v58));
    t.add(new HeaderValue("offsetof(struct statx, stx_dev_minor)", 140, v58));
    t.add(new HeaderValue("offsetof(struct statx, stx_mnt_id)", 144, v58));
    t.add(new HeaderValue("STATX_MNT_ID_UNIQUE", 0x4000, "STATX_MNT_ID_UNIQUE"));
    t.add(new HeaderValue("SYS_statmount", 457, "SYS_statmount"));
    String v68 = "STATMOUNT_SB_BASIC";
    t.add(new HeaderValue("MNT_ID_REQ_SIZE_VER0", 24, v68));
    t.add(new HeaderValue("offsetof(struct mnt_id_req, mnt_id)", 8, v68));
    t.add(new HeaderValue("offsetof(struct mnt_id_req, param)", 16, v68));
    t.add(new HeaderValue("STATMOUNT_SB_BASIC", 0x1, v68));
    t.add(new HeaderValue("STATMOUNT_MNT_BASIC", 0x2, v68));
    t.add(new HeaderValue("STATMOUNT_PROPAGATE_FROM", 0x4, v68));
    t.add(new HeaderValue("STATMOUNT_MNT_ROOT", 0x8, v68));
    t.add(new HeaderValue("STATMOUNT_MNT_POINT", 0x10, v68));
    t.add(new HeaderValue("STATMOUNT_FS_TYPE", 0x20, v68));
    t.add(new HeaderValue("sizeof(struct statmount)", 512, v68));
    t.add(new HeaderValue("offsetof(struct statmount, size)", 0, v68));
    t.add(new HeaderValue("offsetof(struct statmount, mask)", 8, v68));
    t.add(new HeaderValue("offsetof(struct statmount, sb_dev_major)", 16, v68));
    t.add(new HeaderValue("offsetof(struct statmount, sb_dev_minor)", 20, v68));
    t.add(new HeaderValue("offsetof(struct statmount, sb_magic)", 24, v68));
    t.add(new HeaderValue("offsetof(struct statmount, sb_flags)", 32, v68));
    t.add(new HeaderValue("offsetof(struct statmount, fs_type)", 36, v68));
    t.add(new HeaderValue("offsetof(struct statmount, mnt_id)", 40, v68));
    t.add(new HeaderValue("offsetof(struct statmount, mnt_parent_id)", 48, v68));
    t.add(new HeaderValue("offsetof(struct statmount, mnt_id_old)", 56, v68));
    t.add(new HeaderValue("offsetof(struct statmount, mnt_parent_id_old)", 60, v68));
    t.add(new HeaderValue("offsetof(struct statmount, mnt_attr)", 64, v68));
    t.add(new HeaderValue("offsetof(struct statmount, mnt_propagation)", 72, v68));
    t.add(new HeaderValue("offsetof(struct statmount, mnt_peer_group)", 80, v68));
    t.add(new HeaderValue("offsetof(struct statmount, mnt_master)", 88, v68));
    t.add(new HeaderValue("offsetof(struct statmount, propagate_from)", 96, v68));
    t.add(new HeaderValue("offsetof(struct statmount, mnt_root)", 104, v68));
    t.add(new HeaderValue("offsetof(struct statmount, mnt_point)", 108, v68));
    t.add(new HeaderValue("offsetof(struct statmount, str)", 512, v68));
    String v610 = "STATMOUNT_MNT_OPTS";
    t.add(new HeaderValue("STATMOUNT_MNT_NS_ID", 0x40, v610));
    t.add(new HeaderValue("STATMOUNT_MNT_OPTS", 0x80, v610));
    t.add(new HeaderValue("offsetof(struct statmount, mnt_opts)", 4, v610));
    t.add(new HeaderValue("offsetof(struct statmount, mnt_ns_id)", 112, v610));
    String v611 = "STATMOUNT_SB_SOURCE";
    t.add(new HeaderValue("STATMOUNT_FS_SUBTYPE", 0x100, v611));
    t.add(new HeaderValue("STATMOUNT_SB_SOURCE", 0x200, v611));
    t.add(new HeaderValue("offsetof(struct statmount, fs_subtype)", 120, v611));
    t.add(new HeaderValue("offsetof(struct statmount, sb_source)", 124, v611));
    String v614 = "STATMOUNT_SUPPORTED_MASK";
    t.add(new HeaderValue("STATMOUNT_OPT_ARRAY", 0x400, v614));
    t.add(new HeaderValue("STATMOUNT_OPT_SEC_ARRAY", 0x800, v614));
    t.add(new HeaderValue("STATMOUNT_SUPPORTED_MASK", 0x1000, v614));
    t.add(new HeaderValue("offsetof(struct statmount, supported_mask)", 144, v614));
    String v615 = "STATMOUNT_MNT_GIDMAP";
    t.add(new HeaderValue("STATMOUNT_MNT_UIDMAP", 0x2000, v615));
    t.add(new HeaderValue("STATMOUNT_MNT_GIDMAP", 0x4000, v615));
    t.add(new HeaderValue("offsetof(struct statmount, mnt_gidmap)", 164, v615));
    return t;
  }

  static Map<String, Long> headerValues() {
    Map<String, Long> m = new LinkedHashMap<>();
    headerTable().forEach(h -> m.put(h.expression(), h.value()));
    return m;
  }

  /** The same names -> what this module uses. */
  static Map<String, Long> computedValues() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("SYS_statx", MountAbi.SYS_STATX);
    m.put("AT_FDCWD", (long) StatMount.AT_FDCWD);
    m.put("AT_SYMLINK_NOFOLLOW", (long) StatMount.AT_SYMLINK_NOFOLLOW);
    m.put("AT_NO_AUTOMOUNT", (long) StatMount.AT_NO_AUTOMOUNT);
    m.put("STATX_MNT_ID", (long) StatMount.STATX_MNT_ID);
    m.put("STATX_ATTR_MOUNT_ROOT", StatMount.STATX_ATTR_MOUNT_ROOT);
    m.put("sizeof(struct statx)", (long) MountAbi.SIZEOF_STATX);
    m.put("offsetof(struct statx, stx_mask)", (long) MountAbi.STX_MASK);
    m.put("offsetof(struct statx, stx_attributes)", (long) MountAbi.STX_ATTRIBUTES);
    m.put("offsetof(struct statx, stx_ino)", (long) MountAbi.STX_INO);
    m.put("offsetof(struct statx, stx_attributes_mask)", (long) MountAbi.STX_ATTRIBUTES_MASK);
    m.put("offsetof(struct statx, stx_atime)", (long) MountAbi.STX_ATIME);
    m.put("offsetof(struct statx, stx_mtime)", (long) MountAbi.STX_MTIME);
    m.put("offsetof(struct statx, stx_dev_major)", (long) MountAbi.STX_DEV_MAJOR);
    m.put("offsetof(struct statx, stx_dev_minor)", (long) MountAbi.STX_DEV_MINOR);
    m.put("offsetof(struct statx, stx_mnt_id)", (long) MountAbi.STX_MNT_ID);
    m.put("STATX_MNT_ID_UNIQUE", (long) StatMount.STATX_MNT_ID_UNIQUE);
    m.put("SYS_statmount", MountAbi.SYS_STATMOUNT);
    m.put("MNT_ID_REQ_SIZE_VER0", (long) MountAbi.MNT_ID_REQ_SIZE_VER0);
    m.put("offsetof(struct mnt_id_req, mnt_id)", (long) MountAbi.REQ_MNT_ID);
    m.put("offsetof(struct mnt_id_req, param)", (long) MountAbi.REQ_PARAM);
    m.put("STATMOUNT_SB_BASIC", MountState.STATMOUNT_SB_BASIC);
    m.put("STATMOUNT_MNT_BASIC", MountState.STATMOUNT_MNT_BASIC);
    m.put("STATMOUNT_PROPAGATE_FROM", MountState.STATMOUNT_PROPAGATE_FROM);
    m.put("STATMOUNT_MNT_ROOT", MountState.STATMOUNT_MNT_ROOT);
    m.put("STATMOUNT_MNT_POINT", MountState.STATMOUNT_MNT_POINT);
    m.put("STATMOUNT_FS_TYPE", MountState.STATMOUNT_FS_TYPE);
    m.put("sizeof(struct statmount)", (long) MountAbi.SIZEOF_STATMOUNT);
    m.put("offsetof(struct statmount, size)", (long) MountAbi.SM_SIZE);
    m.put("offsetof(struct statmount, mask)", (long) MountAbi.SM_MASK);
    m.put("offsetof(struct statmount, sb_dev_major)", (long) MountAbi.SM_SB_DEV_MAJOR);
    m.put("offsetof(struct statmount, sb_dev_minor)", (long) MountAbi.SM_SB_DEV_MINOR);
    m.put("offsetof(struct statmount, sb_magic)", (long) MountAbi.SM_SB_MAGIC);
    m.put("offsetof(struct statmount, sb_flags)", (long) MountAbi.SM_SB_FLAGS);
    m.put("offsetof(struct statmount, fs_type)", (long) MountAbi.SM_FS_TYPE);
    m.put("offsetof(struct statmount, mnt_id)", (long) MountAbi.SM_MNT_ID);
    m.put("offsetof(struct statmount, mnt_parent_id)", (long) MountAbi.SM_MNT_PARENT_ID);
    m.put("offsetof(struct statmount, mnt_id_old)", (long) MountAbi.SM_MNT_ID_OLD);
    m.put("offsetof(struct statmount, mnt_parent_id_old)", (long) MountAbi.SM_MNT_PARENT_ID_OLD);
    m.put("offsetof(struct statmount, mnt_attr)", (long) MountAbi.SM_MNT_ATTR);
    m.put("offsetof(struct statmount, mnt_propagation)", (long) MountAbi.SM_MNT_PROPAGATION);
    m.put("offsetof(struct statmount, mnt_peer_group)", (long) MountAbi.SM_MNT_PEER_GROUP);
    m.put("offsetof(struct statmount, mnt_master)", (long) MountAbi.SM_MNT_MASTER);
    m.put("offsetof(struct statmount, propagate_from)", (long) MountAbi.SM_PROPAGATE_FROM);
    m.put("offsetof(struct statmount, mnt_root)", (long) MountAbi.SM_MNT_ROOT);
    m.put("offsetof(struct statmount, mnt_point)", (long) MountAbi.SM_MNT_POINT);
    m.put("offsetof(struct statmount, str)", (long) MountAbi.SM_STR);
    m.put("STATMOUNT_MNT_NS_ID", MountState.STATMOUNT_MNT_NS_ID);
    m.put("STATMOUNT_MNT_OPTS", MountState.STATMOUNT_MNT_OPTS);
    m.put("offsetof(struct statmount, mnt_opts)", (long) MountAbi.SM_MNT_OPTS);
    m.put("offsetof(struct statmount, mnt_ns_id)", (long) MountAbi.SM_MNT_NS_ID);
    m.put("STATMOUNT_FS_SUBTYPE", MountState.STATMOUNT_FS_SUBTYPE);
    m.put("STATMOUNT_SB_SOURCE", MountState.STATMOUNT_SB_SOURCE);
    m.put("offsetof(struct statmount, fs_subtype)", (long) MountAbi.SM_FS_SUBTYPE);
    m.put("offsetof(struct statmount, sb_source)", (long) MountAbi.SM_SB_SOURCE);
    m.put("STATMOUNT_OPT_ARRAY", MountState.STATMOUNT_OPT_ARRAY);
    m.put("STATMOUNT_OPT_SEC_ARRAY", MountState.STATMOUNT_OPT_SEC_ARRAY);
    m.put("STATMOUNT_SUPPORTED_MASK", MountState.STATMOUNT_SUPPORTED_MASK);
    m.put("offsetof(struct statmount, supported_mask)", (long) MountAbi.SM_SUPPORTED_MASK);
    m.put("STATMOUNT_MNT_UIDMAP", MountState.STATMOUNT_MNT_UIDMAP);
    m.put("STATMOUNT_MNT_GIDMAP", MountState.STATMOUNT_MNT_GIDMAP);
    m.put("offsetof(struct statmount, mnt_gidmap)", (long) MountAbi.SM_MNT_GIDMAP);
    return m;
  }

  @Test
  void computedNumbersSizesAndOffsetsEqualTheHeaderValues() {
    assertEquals(headerValues(), computedValues());
    assertEquals(MountAbi.SIZEOF_STATMOUNT, MountAbi.SM_STR);
    assertEquals(0x100, MountAbi.SIZEOF_STATX);
  }

  /** A little-endian struct statmount with strings, as the kernel writes it. */
  static final class Answer {
    final ByteBuffer b = ByteBuffer.allocate(2048).order(ByteOrder.LITTLE_ENDIAN);
    private int strings = 0;
    long mask;

    Answer string(long bit, int field, String value) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      b.putInt(field, strings);
      b.position(MountAbi.SM_STR + strings);
      b.put(utf8).put((byte) 0);
      strings += utf8.length + 1;
      mask |= bit;
      return this;
    }

    byte[] bytes() {
      int size = MountAbi.SM_STR + strings;
      b.putInt(MountAbi.SM_SIZE, size);
      b.putLong(MountAbi.SM_MASK, mask);
      byte[] out = new byte[size];
      System.arraycopy(b.array(), 0, out, 0, size);
      return out;
    }
  }

  static Answer autofsAnswer() {
    Answer a = new Answer();
    a.b.putInt(MountAbi.SM_SB_DEV_MAJOR, 0);
    a.b.putInt(MountAbi.SM_SB_DEV_MINOR, 45);
    a.b.putLong(MountAbi.SM_SB_MAGIC, 0x187);
    a.b.putInt(MountAbi.SM_SB_FLAGS, 0);
    a.b.putLong(MountAbi.SM_MNT_ID, 0x80000123L);
    a.b.putLong(MountAbi.SM_MNT_PARENT_ID, 0x80000100L);
    a.b.putInt(MountAbi.SM_MNT_ID_OLD, 84);
    a.b.putInt(MountAbi.SM_MNT_PARENT_ID_OLD, 64);
    a.b.putLong(MountAbi.SM_MNT_ATTR, MountState.MOUNT_ATTR_NOSUID);
    a.b.putLong(MountAbi.SM_MNT_PROPAGATION, MountState.MS_PRIVATE);
    a.b.putLong(MountAbi.SM_PROPAGATE_FROM, 0);
    a.b.putLong(MountAbi.SM_SUPPORTED_MASK, 0x7fff);
    a.mask =
        MountState.STATMOUNT_SB_BASIC
            | MountState.STATMOUNT_MNT_BASIC
            | MountState.STATMOUNT_PROPAGATE_FROM
            | MountState.STATMOUNT_SUPPORTED_MASK;
    a.string(MountState.STATMOUNT_FS_TYPE, MountAbi.SM_FS_TYPE, "autofs");
    a.string(MountState.STATMOUNT_MNT_ROOT, MountAbi.SM_MNT_ROOT, "/");
    a.string(MountState.STATMOUNT_MNT_POINT, MountAbi.SM_MNT_POINT, "/srv/auto a");
    a.string(
        MountState.STATMOUNT_MNT_OPTS,
        MountAbi.SM_MNT_OPTS,
        "fd=5,pgrp=77,timeout=300,minproto=5,maxproto=5,indirect,pipe_ino=999");
    a.string(MountState.STATMOUNT_SB_SOURCE, MountAbi.SM_SB_SOURCE, "/etc/auto.été");
    return a;
  }

  @Test
  void anAnswerDecodesEveryFieldAndItsStrings() {
    MountState s = MountAbi.decodeStatmount(autofsAnswer().bytes(), "/srv/auto a", true);

    assertEquals("/srv/auto a", s.path());
    assertTrue(s.atPath());
    assertEquals(0x80000123L, s.mountId());
    assertEquals(0x80000100L, s.parentId());
    assertEquals(84, s.oldMountId());
    assertEquals(64, s.oldParentId());
    assertEquals(0, s.devMajor());
    assertEquals(45, s.devMinor());
    assertEquals(MountState.AUTOFS_SUPER_MAGIC, s.magic());
    assertTrue(s.isAutofs());
    assertEquals("autofs", s.fsType());
    assertEquals("", s.fsSubtype(), "no FS_SUBTYPE bit: the kernel had none");
    assertEquals("/etc/auto.été", s.source());
    assertEquals("/srv/auto a", s.mountPoint());
    assertEquals("/", s.root());
    assertEquals(
        "fd=5,pgrp=77,timeout=300,minproto=5,maxproto=5,indirect,pipe_ino=999", s.options());
    assertEquals("rw,nosuid,relatime", s.mountOptions());
    assertEquals(0x7fff, s.supportedMask());
    assertEquals(List.of(), s.lacking());
  }

  @Test
  void groupsTheKernelLeftOutDecodeAsZeroAndEmptyAndAreNamed() {
    Answer a = new Answer();
    a.b.putLong(MountAbi.SM_MNT_ID, 7); // not flagged: ignored
    a.mask = MountState.STATMOUNT_SB_BASIC;
    a.string(MountState.STATMOUNT_FS_TYPE, MountAbi.SM_FS_TYPE, "proc");
    MountState s = MountAbi.decodeStatmount(a.bytes(), "/proc", false);
    assertEquals(0, s.mountId());
    assertEquals("", s.mountPoint());
    assertEquals(0, s.supportedMask());
    assertFalse(s.atPath());
    assertEquals(
        List.of(
            "STATMOUNT_MNT_BASIC",
            "STATMOUNT_PROPAGATE_FROM",
            "STATMOUNT_MNT_ROOT",
            "STATMOUNT_MNT_POINT",
            "STATMOUNT_MNT_OPTS",
            "STATMOUNT_FS_SUBTYPE",
            "STATMOUNT_SB_SOURCE"),
        s.lacking());
  }

  @Test
  void anAnswerThatDoesNotAddUpIsRefused() {
    byte[] good = autofsAnswer().bytes();
    assertThrows(
        IllegalArgumentException.class,
        () -> MountAbi.decodeStatmount(new byte[100], "/x", true),
        "shorter than the fixed part");
    byte[] unterminated = good.clone();
    unterminated[unterminated.length - 1] = 'x';
    assertThrows(
        IllegalArgumentException.class, () -> MountAbi.decodeStatmount(unterminated, "/x", true));
    byte[] outside = good.clone();
    ByteBuffer.wrap(outside).order(ByteOrder.LITTLE_ENDIAN).putInt(MountAbi.SM_FS_TYPE, 1 << 20);
    assertThrows(
        IllegalArgumentException.class, () -> MountAbi.decodeStatmount(outside, "/x", true));
  }
}
