package org.autofsrestore.kernel.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.autofsrestore.kernel.Dev;
import org.junit.jupiter.api.Test;

class MountTableTest {
  static final String TABLE =
      "22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/root rw\n"
          + "36 22 98:0 /mnt1 /mnt\\0402 rw,noatime master:1 propagate_from:2 - ext3 /dev/r\\134x"
          + " rw,errors=continue\n"
          + "40 22 0:40 / /srv/auto\\011tab rw,relatime - autofs /etc/auto.a"
          + " rw,fd=4,pgrp=1234,timeout=300,minproto=5,maxproto=5,indirect,pipe_ino=5678\n"
          + "41 22 0:41 / /srv/direct rw,relatime - autofs auto.d"
          + " rw,fd=-1,uid=1000,gid=100,pgrp=99,timeout=4294967301,minproto=3,maxproto=5,"
          + "offset,direct,strictexpire,ignore,pipe_ino=-1\n"
          + "42 41 0:42 / /srv/direct rw - tmpfs none rw\n";

  private static MountTable table() {
    return MountTable.parse(TABLE.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyFieldOfALineIsRead() {
    MountInfo m = table().byId(36).orElseThrow();
    assertEquals(
        new MountInfo(
            36,
            22,
            98,
            0,
            "/mnt1",
            "/mnt 2",
            "rw,noatime",
            List.of("master:1", "propagate_from:2"),
            "ext3",
            "/dev/r\\x",
            "rw,errors=continue"),
        m);
    assertEquals(Dev.makedev(98, 0), m.dev());
    assertEquals(Optional.of("continue"), m.superOption("errors"));
    assertEquals(Optional.of(""), m.mountOption("noatime"));
    assertEquals(Optional.empty(), m.mountOption("nosuid"));
    assertEquals(List.of(), table().byId(40).orElseThrow().optionalFields());
  }

  @Test
  void octalEscapesDecodeToBytesAndThenUtf8() {
    assertEquals("/srv/auto\ttab", table().byId(40).orElseThrow().mountPoint());
    assertEquals("/a\nb", MountTable.unescape("/a\\012b"));
    assertEquals("/été", MountTable.unescape("/\\303\\251t\\303\\251"));
    assertEquals("/été", MountTable.parseLine("1 1 0:1 / /été rw - tmpfs x rw").mountPoint());
    assertEquals("\\9x", MountTable.unescape("\\9x"));
    assertEquals("\\", MountTable.unescape("\\"));
  }

  @Test
  void autofsLinesGiveTheirLiveOptions() {
    List<MountInfo> autofs = table().autofs();
    assertEquals(2, autofs.size());
    AutofsOptions a = autofs.get(0).autofsOptions().orElseThrow();
    assertEquals(
        new AutofsOptions(
            4,
            1234,
            300,
            5,
            5,
            "indirect",
            OptionalLong.empty(),
            OptionalLong.empty(),
            false,
            false,
            OptionalLong.of(5678)),
        a);
    assertFalse(a.catatonic());
    AutofsOptions d = autofs.get(1).autofsOptions().orElseThrow();
    assertTrue(d.catatonic());
    assertEquals(OptionalLong.of(-1), d.pipeIno());
    assertEquals(99, d.pgrp());
    assertEquals(4294967301L, d.timeout());
    assertEquals("direct", d.mode(), "the last mode printed wins");
    assertEquals(OptionalLong.of(1000), d.uid());
    assertEquals(OptionalLong.of(100), d.gid());
    assertTrue(d.strictexpire());
    assertTrue(d.ignore());
    assertEquals(Optional.empty(), table().byId(22).orElseThrow().autofsOptions());
  }

  @Test
  void theMountOnTopOfAPathIsTheLastListed() {
    assertEquals("tmpfs", table().at("/srv/direct").orElseThrow().fsType());
    assertEquals(Optional.empty(), table().at("/nowhere"));
    assertEquals(3, table().under("/srv").size());
    assertEquals(2, table().under("/srv/direct").size());
  }

  @Test
  void malformedContentIsRefusedNamingTheLine() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MountTable.parse("22 1 0:21 / / rw - ext4 x rw\n1 2 3\n".getBytes()));
    assertTrue(e.getMessage().startsWith("mountinfo line 2: too few fields"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> AutofsOptions.parse("rw,fd=x,pgrp=1,timeout=0,minproto=5,maxproto=5,indirect"));
    assertThrows(IllegalArgumentException.class, () -> AutofsOptions.parse("rw,indirect"));
  }

  @Test
  void thisProcesssOwnTableParses() throws Exception {
    MountTable self = MountTable.readSelf();
    assertFalse(self.entries().isEmpty());
    assertTrue(self.at("/proc").isPresent() || self.entries().size() > 0);
  }
}
