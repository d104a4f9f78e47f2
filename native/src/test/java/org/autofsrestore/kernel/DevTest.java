package org.autofsrestore.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DevTest {
  @Test
  void smallDeviceNumbersEncodeAsTheKernelsNewEncodeDev() {
    assertEquals(45, Dev.makedev(0, 45));
    assertEquals(0x0801, Dev.makedev(8, 1));
    // new_encode_dev: (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12)
    assertEquals((0x34) | (0x12 << 8) | ((0x1200L) << 12), Dev.makedev(0x12, 0x1234));
  }

  @Test
  void majorAndMinorRoundTripOverTheirFullRanges() {
    long[][] cases = {{0, 0}, {0, 45}, {259, 3}, {4095, 1048575}, {4096, 256}, {0xfffff, 0xfffff}};
    for (long[] c : cases) {
      long dev = Dev.makedev(c[0], c[1]);
      assertEquals(c[0], Dev.major(dev));
      assertEquals(c[1], Dev.minor(dev));
    }
    assertEquals("259:3", Dev.format(Dev.makedev(259, 3)));
  }
}
