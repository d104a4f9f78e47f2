package org.autofsrestore.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.autofsrestore.kernel.linux.AutofsAbi.DevCommand;
import org.junit.jupiter.api.Test;

/**
 * The computed sizes, offsets and ioctl numbers against the values the uapi headers give (printed
 * by a C program built against include/uapi/linux/auto_fs.h and auto_dev-ioctl.h on x86_64).
 */
class AutofsAbiTest {

  /**
   * C macro name -> value, as `printf("%#lx", (unsigned long) MACRO)` prints it from the headers.
   */
  static Map<String, Long> headerValues() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("AUTOFS_IOC_READY", 0x00009360L);
    m.put("AUTOFS_IOC_FAIL", 0x00009361L);
    m.put("AUTOFS_IOC_CATATONIC", 0x00009362L);
    m.put("AUTOFS_IOC_PROTOVER", 0x80049363L);
    m.put("AUTOFS_IOC_SETTIMEOUT", 0xc0089364L);
    m.put("AUTOFS_IOC_EXPIRE", 0x810c9365L);
    m.put("AUTOFS_IOC_EXPIRE_MULTI", 0x40049366L);
    m.put("AUTOFS_IOC_PROTOSUBVER", 0x80049367L);
    m.put("AUTOFS_IOC_ASKUMOUNT", 0x80049370L);
    m.put("AUTOFS_DEV_IOCTL_VERSION", 0xc0189371L);
    m.put("AUTOFS_DEV_IOCTL_PROTOVER", 0xc0189372L);
    m.put("AUTOFS_DEV_IOCTL_PROTOSUBVER", 0xc0189373L);
    m.put("AUTOFS_DEV_IOCTL_OPENMOUNT", 0xc0189374L);
    m.put("AUTOFS_DEV_IOCTL_CLOSEMOUNT", 0xc0189375L);
    m.put("AUTOFS_DEV_IOCTL_READY", 0xc0189376L);
    m.put("AUTOFS_DEV_IOCTL_FAIL", 0xc0189377L);
    m.put("AUTOFS_DEV_IOCTL_SETPIPEFD", 0xc0189378L);
    m.put("AUTOFS_DEV_IOCTL_CATATONIC", 0xc0189379L);
    m.put("AUTOFS_DEV_IOCTL_TIMEOUT", 0xc018937aL);
    m.put("AUTOFS_DEV_IOCTL_REQUESTER", 0xc018937bL);
    m.put("AUTOFS_DEV_IOCTL_EXPIRE", 0xc018937cL);
    m.put("AUTOFS_DEV_IOCTL_ASKUMOUNT", 0xc018937dL);
    m.put("AUTOFS_DEV_IOCTL_ISMOUNTPOINT", 0xc018937eL);
    m.put("sizeof(struct autofs_dev_ioctl)", 24L);
    m.put("offsetof(struct autofs_dev_ioctl, path)", 24L);
    m.put("sizeof(struct autofs_v5_packet)", 304L);
    m.put("sizeof(struct autofs_packet_missing)", 272L);
    m.put("sizeof(struct autofs_packet_expire)", 268L);
    m.put("offsetof(struct autofs_v5_packet, wait_queue_token)", 8L);
    m.put("offsetof(struct autofs_v5_packet, dev)", 12L);
    m.put("offsetof(struct autofs_v5_packet, ino)", 16L);
    m.put("offsetof(struct autofs_v5_packet, uid)", 24L);
    m.put("offsetof(struct autofs_v5_packet, gid)", 28L);
    m.put("offsetof(struct autofs_v5_packet, pid)", 32L);
    m.put("offsetof(struct autofs_v5_packet, tgid)", 36L);
    m.put("offsetof(struct autofs_v5_packet, len)", 40L);
    m.put("offsetof(struct autofs_v5_packet, name)", 44L);
    m.put("sizeof(struct stat)", 144L);
    m.put("offsetof(struct stat, st_dev)", 0L);
    m.put("offsetof(struct stat, st_ino)", 8L);
    m.put("offsetof(struct stat, st_mode)", 24L);
    return m;
  }

  /** The same names -> what this module computes. */
  static Map<String, Long> computedValues() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("AUTOFS_IOC_READY", AutofsAbi.AUTOFS_IOC_READY);
    m.put("AUTOFS_IOC_FAIL", AutofsAbi.AUTOFS_IOC_FAIL);
    m.put("AUTOFS_IOC_CATATONIC", AutofsAbi.AUTOFS_IOC_CATATONIC);
    m.put("AUTOFS_IOC_PROTOVER", AutofsAbi.AUTOFS_IOC_PROTOVER);
    m.put("AUTOFS_IOC_SETTIMEOUT", AutofsAbi.AUTOFS_IOC_SETTIMEOUT);
    m.put("AUTOFS_IOC_EXPIRE", AutofsAbi.AUTOFS_IOC_EXPIRE);
    m.put("AUTOFS_IOC_EXPIRE_MULTI", AutofsAbi.AUTOFS_IOC_EXPIRE_MULTI);
    m.put("AUTOFS_IOC_PROTOSUBVER", AutofsAbi.AUTOFS_IOC_PROTOSUBVER);
    m.put("AUTOFS_IOC_ASKUMOUNT", AutofsAbi.AUTOFS_IOC_ASKUMOUNT);
    for (DevCommand c : DevCommand.values()) {
      m.put(c.cName(), c.request());
    }
    m.put("sizeof(struct autofs_dev_ioctl)", (long) AutofsAbi.SIZEOF_DEV_IOCTL);
    m.put("offsetof(struct autofs_dev_ioctl, path)", (long) AutofsAbi.DEV_PATH);
    m.put("sizeof(struct autofs_v5_packet)", (long) AutofsAbi.SIZEOF_V5_PACKET);
    m.put("sizeof(struct autofs_packet_missing)", (long) AutofsAbi.SIZEOF_PACKET_MISSING);
    m.put("sizeof(struct autofs_packet_expire)", (long) AutofsAbi.SIZEOF_PACKET_EXPIRE);
    m.put("offsetof(struct autofs_v5_packet, wait_queue_token)", (long) AutofsAbi.V5_TOKEN);
    m.put("offsetof(struct autofs_v5_packet, dev)", (long) AutofsAbi.V5_DEV);
    m.put("offsetof(struct autofs_v5_packet, ino)", (long) AutofsAbi.V5_INO);
    m.put("offsetof(struct autofs_v5_packet, uid)", (long) AutofsAbi.V5_UID);
    m.put("offsetof(struct autofs_v5_packet, gid)", (long) AutofsAbi.V5_GID);
    m.put("offsetof(struct autofs_v5_packet, pid)", (long) AutofsAbi.V5_PID);
    m.put("offsetof(struct autofs_v5_packet, tgid)", (long) AutofsAbi.V5_TGID);
    m.put("offsetof(struct autofs_v5_packet, len)", (long) AutofsAbi.V5_LEN);
    m.put("offsetof(struct autofs_v5_packet, name)", (long) AutofsAbi.V5_NAME);
    m.put("sizeof(struct stat)", (long) StatAbi.SIZEOF_STAT);
    m.put("offsetof(struct stat, st_dev)", (long) StatAbi.ST_DEV);
    m.put("offsetof(struct stat, st_ino)", (long) StatAbi.ST_INO);
    m.put("offsetof(struct stat, st_mode)", (long) StatAbi.ST_MODE);
    return m;
  }

  @Test
  void computedNumbersSizesAndOffsetsEqualTheHeaderValues() {
    assertEquals(headerValues(), computedValues());
  }

  @Test
  void theIocHelperEncodesAndDecodesEveryField() {
    long settimeout = Ioc.iowr(0x93, 0x64, 8);
    assertEquals(Ioc.READ | Ioc.WRITE, Ioc.dir(settimeout));
    assertEquals(0x93, Ioc.type(settimeout));
    assertEquals(0x64, Ioc.nr(settimeout));
    assertEquals(8, Ioc.size(settimeout));
    assertEquals(Ioc.NONE, Ioc.dir(Ioc.io(0x93, 0x60)));
    assertEquals(Ioc.READ, Ioc.dir(Ioc.ior(0x93, 0x63, 4)));
    assertEquals(Ioc.WRITE, Ioc.dir(Ioc.iow(0x93, 0x66, 4)));
    assertEquals(0x3fff, Ioc.size(Ioc.ior(1, 1, 0x3fff)));
    assertThrows(IllegalArgumentException.class, () -> Ioc.ior(1, 1, 0x4000));
    assertThrows(IllegalArgumentException.class, () -> Ioc.io(0x100, 1));
    assertThrows(IllegalArgumentException.class, () -> Ioc.io(1, -1));
  }

  @Test
  void devCommandsAreNumberedFromVersionInKernelOrder() {
    assertEquals(0x71, DevCommand.VERSION.cmd());
    assertEquals(0x74, DevCommand.OPENMOUNT.cmd());
    assertEquals(0x78, DevCommand.SETPIPEFD.cmd());
    assertEquals(0x7e, DevCommand.ISMOUNTPOINT.cmd());
    assertEquals(14, DevCommand.values().length);
  }
}
