package org.autofsrestore.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.autofsrestore.kernel.AutofsIoctl.*;
import org.autofsrestore.kernel.MountQuery.*;
import org.autofsrestore.kernel.PathCall.*;
import org.autofsrestore.kernel.PosixCall.*;
import org.junit.jupiter.api.Test;

class KernelCallTextTest {

  /** Every call record with its exact text: the table in the native layer's report. */
  static Map<KernelCall<?>, String> examples() {
    Map<KernelCall<?>, String> m = new LinkedHashMap<>();
    m.put(new Pipe2(Pipe2.O_CLOEXEC), "pipe2(pipefd, O_CLOEXEC)");
    m.put(
        new Mount(
            "/etc/auto.a",
            "/tmp/r/srv/auto-a",
            "autofs",
            0,
            "fd=4,pgrp=1234,minproto=5,maxproto=5,indirect"),
        "mount(\"/etc/auto.a\", \"/tmp/r/srv/auto-a\", \"autofs\", 0,"
            + " \"fd=4,pgrp=1234,minproto=5,maxproto=5,indirect\")");
    m.put(new Umount("/tmp/r/srv/auto-a", 0), "umount2(\"/tmp/r/srv/auto-a\", 0)");
    m.put(new Stat("/tmp/r/srv/auto-a"), "stat(\"/tmp/r/srv/auto-a\", &st)");
    m.put(new Fstat(4), "fstat(4, &st)");
    m.put(new Mkdir("/tmp/r/srv/auto-a/sub", 0755), "mkdir(\"/tmp/r/srv/auto-a/sub\", 0755)");
    m.put(new Rmdir("/tmp/r/srv/auto-a"), "rmdir(\"/tmp/r/srv/auto-a\")");
    m.put(
        new Open("/tmp/r", Open.O_RDONLY | Open.O_DIRECTORY | Open.O_NOFOLLOW | Open.O_CLOEXEC),
        "open(\"/tmp/r\", O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC)");
    m.put(
        new OpenAt(OpenAt.AT_FDCWD, "/tmp/r", Open.O_PATH | Open.O_NOFOLLOW | Open.O_DIRECTORY),
        "openat(AT_FDCWD, \"/tmp/r\", O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_PATH)");
    m.put(new MkdirAt(6, "srv", 0755), "mkdirat(6, \"srv\", 0755)");
    m.put(new Close(5), "close(5)");
    m.put(new GetPgrp(), "getpgrp()");
    m.put(new Poll(3, 1000), "poll(&(struct pollfd){.fd = 3, .events = POLLIN}, 1, 1000)");
    m.put(new ReadPacket(3), "read(3, &packet, 304)");
    m.put(new Version(), "ioctl(/dev/autofs, AUTOFS_DEV_IOCTL_VERSION, {.ioctlfd = -1})");
    m.put(new ProtoVersion(5), "ioctl(5, AUTOFS_IOC_PROTOVER, &(int){0})");
    m.put(new ProtoSubversion(5), "ioctl(5, AUTOFS_IOC_PROTOSUBVER, &(int){0})");
    m.put(
        new OpenMount("/tmp/r/srv/auto-a", Dev.makedev(0, 45)),
        "ioctl(/dev/autofs, AUTOFS_DEV_IOCTL_OPENMOUNT, {.ioctlfd = -1, .openmount.devid = 45"
            + " /* 0:45 */, .path = \"/tmp/r/srv/auto-a\"})");
    m.put(new CloseMount(5), "ioctl(/dev/autofs, AUTOFS_DEV_IOCTL_CLOSEMOUNT, {.ioctlfd = 5})");
    m.put(new SetTimeout(5, 300), "ioctl(5, AUTOFS_IOC_SETTIMEOUT, &(unsigned long){300})");
    m.put(new Catatonic(5), "ioctl(5, AUTOFS_IOC_CATATONIC, 0)");
    m.put(
        new SetPipeFd(5, 7),
        "ioctl(/dev/autofs, AUTOFS_DEV_IOCTL_SETPIPEFD, {.ioctlfd = 5, .setpipefd.pipefd = 7})");
    m.put(
        new Ready(5, 17),
        "ioctl(/dev/autofs, AUTOFS_DEV_IOCTL_READY, {.ioctlfd = 5, .ready.token = 17})");
    m.put(
        new Fail(5, 17, Errno.ENOENT),
        "ioctl(/dev/autofs, AUTOFS_DEV_IOCTL_FAIL, {.ioctlfd = 5, .fail.token = 17,"
            + " .fail.status = -ENOENT})");
    m.put(
        new IsMountpoint("/tmp/r/srv/auto-a"),
        "ioctl(/dev/autofs, AUTOFS_DEV_IOCTL_ISMOUNTPOINT, {.ioctlfd = -1,"
            + " .ismountpoint.in.type = AUTOFS_TYPE_ANY, .path = \"/tmp/r/srv/auto-a\"})");
    m.put(
        new StatMount("/tmp/r/srv/auto-a"),
        "statmount(statx(AT_FDCWD, \"/tmp/r/srv/auto-a\", AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT,"
            + " STATX_MNT_ID_UNIQUE).stx_mnt_id, STATMOUNT_SB_BASIC|STATMOUNT_MNT_BASIC"
            + "|STATMOUNT_PROPAGATE_FROM|STATMOUNT_MNT_ROOT|STATMOUNT_MNT_POINT|STATMOUNT_FS_TYPE"
            + "|STATMOUNT_MNT_OPTS|STATMOUNT_FS_SUBTYPE|STATMOUNT_SB_SOURCE|STATMOUNT_SUPPORTED_MASK,"
            + " &buf)");
    m.put(
        new PathAtCall.OpenAt2(
            3,
            "srv/auto-a",
            Open.O_PATH | Open.O_NOFOLLOW | Open.O_DIRECTORY,
            PathAtCall.OpenAt2.CONFINED),
        "openat2(3, \"srv/auto-a\", {.flags = O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_PATH, .resolve ="
            + " RESOLVE_IN_ROOT|RESOLVE_NO_SYMLINKS|RESOLVE_NO_MAGICLINKS}, 24)");
    m.put(
        new PathAtCall.UnlinkAt(6, "auto-a", PathAtCall.UnlinkAt.AT_REMOVEDIR),
        "unlinkat(6, \"auto-a\", AT_REMOVEDIR)");
    m.put(
        new PathAtCall.DirEntries(4),
        "getdents64(openat(4, \".\", O_RDONLY|O_DIRECTORY|O_CLOEXEC), buf, 4096)");
    m.put(
        new MountQuery.StatxFd(4),
        "statx(4, \"\", AT_EMPTY_PATH|AT_SYMLINK_NOFOLLOW, STATX_TYPE|STATX_MNT_ID, &stx)");
    m.put(new MountApiCall.FsOpen("autofs", 1), "fsopen(\"autofs\", FSOPEN_CLOEXEC)");
    m.put(
        new MountApiCall.FsConfig(5, MountApiCall.FsConfig.FSCONFIG_SET_STRING, "fd", "8"),
        "fsconfig(5, FSCONFIG_SET_STRING, \"fd\", \"8\", 0)");
    m.put(
        new MountApiCall.FsMount(5, 1, MountApiCall.FsMount.MOUNT_ATTR_NOSUID),
        "fsmount(5, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID)");
    m.put(
        new MountApiCall.MoveMount(9, 4),
        "move_mount(9, \"\", 4, \"\", MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_T_EMPTY_PATH)");
    return m;
  }

  @Test
  void everyCallPrintsExactlyAsItWouldRun() {
    examples().forEach((call, text) -> assertEquals(text, call.text(), call.op()));
  }

  @Test
  void theExamplesCoverEveryPermittedRecord() {
    Set<String> permitted = new TreeSet<>();
    for (Class<?> family : KernelCall.class.getPermittedSubclasses()) {
      for (Class<?> c : family.getPermittedSubclasses()) {
        if (c.isInterface()) {
          for (Class<?> sub : c.getPermittedSubclasses()) {
            permitted.add(sub.getSimpleName());
          }
        } else {
          permitted.add(c.getSimpleName());
        }
      }
    }
    Set<String> covered = new TreeSet<>();
    examples().keySet().forEach(c -> covered.add(c.getClass().getSimpleName()));
    assertEquals(permitted, covered);
  }

  @Test
  void opNamesAreDistinctAndIncludeTheJournalVocabulary() {
    Set<String> ops = new TreeSet<>();
    examples().keySet().forEach(c -> ops.add(c.op()));
    assertEquals(examples().size(), ops.size());
    assertTrue(
        ops.containsAll(
            Set.of(
                "mount",
                "stat",
                "mkdir",
                "rmdir",
                "openmount",
                "settimeout",
                "catatonic",
                "closemount",
                "setpipefd",
                "statmount")),
        ops.toString());
  }

  @Test
  void argumentsPrintAsCWouldSpellThem() {
    assertEquals(
        "mount(NULL, \"/a b\", \"tmpfs\", MS_NOSUID|MS_NODEV|MS_NOEXEC, NULL)",
        new Mount(null, "/a b", "tmpfs", 2 | 4 | 8, null).text());
    assertEquals(
        "mount(\"s\", \"/t\", \"autofs\", MS_RDONLY|0x80000000, \"x\")",
        new Mount("s", "/t", "autofs", 1 | 0x80000000L, "x").text());
    assertEquals("umount2(\"/x\", MNT_DETACH|UMOUNT_NOFOLLOW)", new Umount("/x", 2 | 8).text());
    assertEquals(
        "stat(\"/quote\\\"back\\\\slash\\nnl\\001ctl\", &st)",
        new Stat("/quote\"back\\slash\nnl\u0001ctl").text());
    assertEquals("stat(\"/tmp/été\", &st)", new Stat("/tmp/été").text());
    assertEquals("pipe2(pipefd, 0)", new Pipe2(0).text());
    assertEquals(
        "pipe2(pipefd, O_CLOEXEC|O_NONBLOCK|O_DIRECT)",
        new Pipe2(Pipe2.O_CLOEXEC | Pipe2.O_NONBLOCK | Pipe2.O_DIRECT).text());
    assertEquals(
        "ioctl(3, AUTOFS_IOC_SETTIMEOUT, &(unsigned long){18446744073709551615})",
        new SetTimeout(3, -1).text());
    assertEquals("open(\"/d\", O_WRONLY|O_NONBLOCK)", new Open("/d", 1 | 04000).text());
    assertEquals("mkdir(\"/d\", 01777)", new Mkdir("/d", 01777).text());
    assertEquals(
        "ioctl(/dev/autofs, AUTOFS_DEV_IOCTL_READY, {.ioctlfd = 5, .ready.token = 4294967295})",
        new Ready(5, 0xffffffffL).text());
    assertTrue(
        new StatMount("/a \"b\"").text().startsWith("statmount(statx(AT_FDCWD, \"/a \\\"b\\\"\","),
        new StatMount("/a \"b\"").text());
    assertEquals("0", CText.statmountMask(0));
    assertEquals(
        "STATMOUNT_MNT_NS_ID|STATMOUNT_MNT_GIDMAP|0x8000",
        CText.statmountMask(0x40 | 0x4000 | 0x8000));
  }

  @Test
  void recordsAreValuesAndRefuseWhatCCannotCarry() {
    assertEquals(new Mkdir("/a", 0755), new Mkdir("/a", 0755));
    assertEquals(new Mkdir("/a", 0755).hashCode(), new Mkdir("/a", 0755).hashCode());
    assertThrows(IllegalArgumentException.class, () -> new Stat("/a\0b"));
    assertThrows(NullPointerException.class, () -> new Stat(null));
    assertThrows(IllegalArgumentException.class, () -> new Ready(1, -1));
    assertThrows(IllegalArgumentException.class, () -> new Ready(1, 1L << 32));
    assertThrows(IllegalArgumentException.class, () -> new OpenMount("/a", 1L << 32));
    assertThrows(IllegalArgumentException.class, () -> new Open("/a", 0100));
    assertThrows(NullPointerException.class, () -> new Fail(1, 2, null));
    assertThrows(IllegalArgumentException.class, () -> new StatMount("/a\0b"));
    assertThrows(NullPointerException.class, () -> new StatMount(null));
  }
}
