package org.autofsrestore.kernel;

import static org.autofsrestore.kernel.MountState.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The mountinfo fields a {@link MountState} renders, for states as statmount gives them. */
class MountStateTest {

  /** A state with every mountinfo group answered; the varying parts as parameters. */
  static MountState state(
      long attributes,
      long propagation,
      long peerGroup,
      long master,
      long propagateFrom,
      int sbFlags,
      String options) {
    return new MountState(
        "/m",
        true,
        MOUNTINFO_GROUPS | STATMOUNT_SUPPORTED_MASK,
        0x7fff,
        0x80000010L,
        0x80000001L,
        63,
        43,
        0,
        39,
        0x01021994,
        sbFlags,
        "tmpfs",
        "",
        "my src",
        "/m",
        "/",
        attributes,
        propagation,
        peerGroup,
        master,
        propagateFrom,
        options);
  }

  static MountState withAttributes(long attributes) {
    return state(attributes, MS_PRIVATE, 0, 0, 0, 0, "");
  }

  @Test
  void perMountOptionsFollowTheKernelsOrderAndAtimeRule() {
    // The attributes statmount gave for mounts whose mountinfo options are on the right.
    assertEquals("rw,relatime", withAttributes(0).mountOptions());
    assertEquals(
        "rw,nosuid,nodev,noexec",
        withAttributes(
                MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC | MOUNT_ATTR_STRICTATIME)
            .mountOptions());
    assertEquals(
        "ro,noatime,nodiratime",
        withAttributes(MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOATIME | MOUNT_ATTR_NODIRATIME)
            .mountOptions());
    assertEquals(
        "rw,relatime,nosymfollow,idmapped",
        withAttributes(MOUNT_ATTR_NOSYMFOLLOW | MOUNT_ATTR_IDMAP).mountOptions());
  }

  @Test
  void propagationGivesTheTaggedFieldsAsMountinfoPrintsThem() {
    assertEquals(List.of(), state(0, MS_PRIVATE, 0, 0, 0, 0, "").optionalFields());
    assertEquals(List.of("shared:1"), state(0, MS_SHARED, 1, 0, 0, 0, "").optionalFields());
    assertEquals(
        List.of("master:1"),
        state(0, MS_SLAVE, 0, 1, 1, 0, "").optionalFields(),
        "propagate_from only when it differs from the master");
    assertEquals(
        List.of("master:1", "propagate_from:2"),
        state(0, MS_SLAVE, 0, 1, 2, 0, "").optionalFields());
    assertEquals(
        List.of("shared:3", "master:1"),
        state(0, MS_SHARED | MS_SLAVE, 3, 1, 0, 0, "").optionalFields());
    assertEquals(List.of("unbindable"), state(0, MS_UNBINDABLE, 0, 0, 0, 0, "").optionalFields());
  }

  @Test
  void superOptionsAreRwOrRoThenSuperblockFlagsThenTheFilesystemsOwn() {
    assertEquals(
        "rw,size=1024k,mode=700",
        state(0, MS_PRIVATE, 0, 0, 0, 0, "size=1024k,mode=700").superOptions());
    assertEquals("rw,sync,lazytime", state(0, MS_PRIVATE, 0, 0, 0, 0x2000010, "").superOptions());
    assertEquals("ro,dirsync", state(0, MS_PRIVATE, 0, 0, 0, 0x81, "").superOptions());
    assertEquals(
        "rw,fd=-1,pgrp=5,timeout=0,minproto=5,maxproto=5,direct,pipe_ino=-1",
        state(
                0,
                MS_PRIVATE,
                0,
                0,
                0,
                0,
                "fd=-1,pgrp=5,timeout=0,minproto=5,maxproto=5,direct,pipe_ino=-1")
            .superOptions());
  }

  @Test
  void emptyStringsTheKernelSupportsAreKnownAndOlderKernelsLackThem() {
    MountState s = withAttributes(0);
    long noStrings = s.mask() & ~(STATMOUNT_MNT_OPTS | STATMOUNT_FS_SUBTYPE);
    MountState proc = copy(s, noStrings, 0x7fff);
    assertTrue(proc.has(STATMOUNT_MNT_OPTS), "supported and left out: empty");
    assertEquals(List.of(), proc.lacking());
    MountState older = copy(s, noStrings, 0);
    assertFalse(older.has(STATMOUNT_MNT_OPTS));
    assertEquals(List.of("STATMOUNT_MNT_OPTS", "STATMOUNT_FS_SUBTYPE"), older.lacking());
  }

  @Test
  void typeWithSubtypeDevAndAutofs() {
    MountState s = withAttributes(0);
    assertEquals("tmpfs", s.fsTypeField());
    assertEquals(Dev.makedev(0, 39), s.dev());
    assertFalse(s.isAutofs());
    MountState fuse =
        new MountState(
            "/f",
            true,
            s.mask(),
            s.supportedMask(),
            1,
            1,
            1,
            1,
            0,
            50,
            0x65735546,
            0,
            "fuse",
            "sshfs",
            "me@host:",
            "/f",
            "/",
            0,
            MS_PRIVATE,
            0,
            0,
            0,
            "user_id=0");
    assertEquals("fuse.sshfs", fuse.fsTypeField());
  }

  private static MountState copy(MountState s, long mask, long supported) {
    return new MountState(
        s.path(),
        s.atPath(),
        mask,
        supported,
        s.mountId(),
        s.parentId(),
        s.oldMountId(),
        s.oldParentId(),
        s.devMajor(),
        s.devMinor(),
        s.magic(),
        s.sbFlags(),
        s.fsType(),
        s.fsSubtype(),
        s.source(),
        s.mountPoint(),
        s.root(),
        s.attributes(),
        s.propagation(),
        s.peerGroup(),
        s.master(),
        s.propagateFrom(),
        s.options());
  }
}
