package org.autofsrestore.kernel.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.autofsrestore.kernel.Errno;
import org.autofsrestore.kernel.Kernel;
import org.autofsrestore.kernel.KernelCall;
import org.autofsrestore.kernel.KernelException;
import org.autofsrestore.kernel.MountQuery;
import org.autofsrestore.kernel.MountState;
import org.junit.jupiter.api.Test;

/**
 * {@link MountProbe} over kernels that answer as told, and {@link MountInfo#line()} against the
 * kernel's own lines. The real kernel's answers are in the linux package's StatMount tests.
 */
class MountProbeTest {
  private final List<KernelCall<?>> calls = new ArrayList<>();

  private Kernel answering(Function<KernelCall<?>, Object> answer) {
    return new Kernel() {
      @Override
      @SuppressWarnings("unchecked")
      public <R> R run(KernelCall<R> call) {
        calls.add(call);
        return (R) answer.apply(call);
      }
    };
  }

  private Kernel failingWith(Errno errno) {
    return answering(
        call -> {
          throw new KernelException(call, errno, "statx failed");
        });
  }

  static MountState autofs(String path, boolean atPath, long mask, long supported, int oldId) {
    return new MountState(
        path,
        atPath,
        mask,
        supported,
        0x80000123L,
        0x80000100L,
        oldId,
        64,
        0,
        45,
        MountState.AUTOFS_SUPER_MAGIC,
        0,
        "autofs",
        "",
        "/etc/auto map",
        "/srv/auto\ta",
        "/",
        MountState.MOUNT_ATTR_NOSUID,
        MountState.MS_SHARED | MountState.MS_SLAVE,
        7,
        3,
        2,
        "fd=5,pgrp=77,timeout=300,minproto=5,maxproto=5,indirect,pipe_ino=999");
  }

  static final long ALL = MountState.MOUNTINFO_GROUPS | MountState.STATMOUNT_SUPPORTED_MASK;

  @Test
  void aStatmountAnswerIsTheMountinfoLineOfThatMount() throws Exception {
    MountState s = autofs("/srv/auto\ta", true, ALL, 0x7fff, 84);

    MountInfo m = MountProbe.at(answering(call -> s), "/srv/auto\ta").orElseThrow();

    assertEquals(List.of(new MountQuery.StatMount("/srv/auto\ta")), calls);
    assertEquals(
        "84 64 0:45 / /srv/auto\\011a rw,nosuid,relatime shared:7 master:3 propagate_from:2"
            + " - autofs /etc/auto\\040map"
            + " rw,fd=5,pgrp=77,timeout=300,minproto=5,maxproto=5,indirect,pipe_ino=999",
        m.line());
    assertEquals(MountTable.parseLine(m.line()), m, "the line parses back to the same fields");
    assertEquals(300, m.autofsOptions().orElseThrow().timeout());
    assertEquals(s.dev(), m.dev());
  }

  @Test
  void aPathInsideAMountButNotItsRootHasNoMountAtIt() throws Exception {
    MountState inside = autofs("/srv/auto\ta/dir", false, ALL, 0x7fff, 84);
    assertEquals(Optional.empty(), MountProbe.at(answering(call -> inside), "/srv/auto\ta/dir"));
  }

  @Test
  void aMissingPathHasNoMountAndOtherRefusalsAreReported() throws Exception {
    assertEquals(Optional.empty(), MountProbe.at(failingWith(Errno.ENOENT), "/nowhere"));
    assertEquals(
        MountTable.readSelf().at("/"),
        MountProbe.at(failingWith(Errno.ENOENT), "/"),
        "ENOENT from a failed autofs wait: mountinfo decides");
    assertEquals(Optional.empty(), MountProbe.at(failingWith(Errno.ENOTDIR), "/etc/passwd/x"));
    KernelException e =
        assertThrows(KernelException.class, () -> MountProbe.at(failingWith(Errno.EACCES), "/x"));
    assertEquals(Errno.EACCES, e.errno());
  }

  @Test
  void withoutStatmountItReadsMountinfo() throws Exception {
    MountTable table = MountTable.readSelf();
    MountInfo root = table.at("/").orElseThrow();
    assertEquals(Optional.of(root), MountProbe.at(failingWith(Errno.ENOSYS), "/"));
    assertEquals(Optional.of(root), MountProbe.at(failingWith(Errno.EPERM), "/"));
    assertEquals(Optional.of(root), MountProbe.at(answering(call -> null), "/"), "a dry run");
  }

  @Test
  void aKernelThatLacksAFieldIsAnsweredFromMountinfoByTheOldId() throws Exception {
    MountInfo root = MountTable.readSelf().at("/").orElseThrow();
    long noOptions = ALL & ~MountState.STATMOUNT_MNT_OPTS;
    MountState older = autofs("/", true, noOptions, 0, root.mountId());

    MountInfo m = MountProbe.at(answering(call -> older), "/").orElseThrow();

    assertEquals(root, m, "mountinfo's line for mount " + root.mountId());
    assertNotEquals("autofs", m.fsType());
  }

  @Test
  void fromRefusesAStateThatLacksAField() {
    MountState older = autofs("/", true, ALL & ~MountState.STATMOUNT_SB_SOURCE, 0, 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MountInfo.from(older));
    assertTrue(e.getMessage().contains("STATMOUNT_SB_SOURCE"), e.getMessage());
  }

  @Test
  void everyLineOfThisProcesssMountinfoRendersBackToItself() throws Exception {
    String text = Files.readString(MountTable.SELF, StandardCharsets.UTF_8);
    int n = 0;
    for (String line : text.split("\n")) {
      MountInfo m = MountTable.parseLine(line);
      assertEquals(line, m.line());
      n++;
    }
    assertTrue(n > 0);
    for (String line : MountTableTest.TABLE.split("\n")) {
      assertEquals(line, MountTable.parseLine(line).line());
    }
  }
}
