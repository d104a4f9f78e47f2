package org.autofsrestore.kernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.autofsrestore.kernel.AutofsPacket;
import org.junit.jupiter.api.Test;

class PacketCodecTest {

  /** A protocol 5 packet laid out by hand at docs/DESIGN.md's offsets, not through the codec. */
  private static byte[] handMadeV5() {
    ByteBuffer b = ByteBuffer.allocate(304).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, 5); // proto_version
    b.putInt(4, 3); // autofs_ptype_missing_indirect
    b.putInt(8, 0xfffffffe); // token
    b.putInt(12, 40); // dev
    b.putLong(16, 1L << 40); // ino
    b.putInt(24, 1000); // uid
    b.putInt(28, 1001); // gid
    b.putInt(32, 4242); // pid
    b.putInt(36, 4241); // tgid
    byte[] name = "somekey".getBytes(StandardCharsets.UTF_8);
    b.putInt(40, name.length); // len
    b.position(44);
    b.put(name);
    return b.array();
  }

  @Test
  void aV5PacketDecodesEveryFieldAtItsOffset() {
    AutofsPacket p = PacketCodec.decode(handMadeV5(), 304);

    assertEquals(
        new AutofsPacket(
            5,
            AutofsPacket.Type.MISSING_INDIRECT,
            0xfffffffeL,
            40,
            1L << 40,
            1000,
            1001,
            4242,
            4241,
            "somekey"),
        p);
    assertTrue(p.type().isMissing());
    assertEquals("autofs_ptype_missing_indirect", p.type().cName());
  }

  @Test
  void encodingGivesBackTheKernelsBytes() {
    byte[] bytes = handMadeV5();
    assertEquals(
        ByteBuffer.wrap(bytes),
        ByteBuffer.wrap(PacketCodec.encodeV5(PacketCodec.decode(bytes, 304))));
  }

  @Test
  void aProtocolFourMissingPacketCarriesTokenAndNameOnly() {
    ByteBuffer b = ByteBuffer.allocate(304).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, 4);
    b.putInt(4, 0);
    b.putInt(8, 77);
    b.putInt(12, 3);
    b.position(16);
    b.put("abc".getBytes(StandardCharsets.UTF_8));

    AutofsPacket p = PacketCodec.decode(b.array(), 272);

    assertEquals(
        new AutofsPacket(4, AutofsPacket.Type.MISSING, 77, -1, -1, -1, -1, -1, -1, "abc"), p);
  }

  @Test
  void sizesAndTypesThatFitNoPacketAreRefused() {
    byte[] v5 = handMadeV5();
    assertThrows(IllegalArgumentException.class, () -> PacketCodec.decode(v5, 300));
    assertThrows(IllegalArgumentException.class, () -> PacketCodec.decode(v5, 5));
    ByteBuffer.wrap(v5).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 9);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PacketCodec.decode(v5, 304));
    assertEquals("unknown packet type 9", e.getMessage());
    ByteBuffer.wrap(v5).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 3).putInt(40, 256);
    assertThrows(IllegalArgumentException.class, () -> PacketCodec.decode(v5, 304));
  }
}
