package org.autofsrestore.kernel.linux;

import static org.autofsrestore.kernel.linux.AutofsAbi.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.autofsrestore.kernel.AutofsPacket;

/** Decodes (and, for tests and fakes, encodes) the packets the kernel writes to autofs pipes. */
public final class PacketCodec {
  private PacketCodec() {}

  /**
   * Decodes one packet as read(2) returned it.
   *
   * @throws IllegalArgumentException when the size or the type does not fit any autofs packet
   */
  public static AutofsPacket decode(byte[] bytes, int length) {
    if (length < SIZEOF_PACKET_HDR || length > bytes.length) {
      throw new IllegalArgumentException("packet of " + length + " bytes has no complete header");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    int proto = b.getInt(HDR_PROTO_VERSION);
    int code = b.getInt(HDR_TYPE);
    AutofsPacket.Type type =
        AutofsPacket.Type.forCode(code)
            .orElseThrow(() -> new IllegalArgumentException("unknown packet type " + code));
    if (type.isV5()) {
      requireLength(length, SIZEOF_V5_PACKET, type);
      return new AutofsPacket(
          proto,
          type,
          u32(b, V5_TOKEN),
          u32(b, V5_DEV),
          b.getLong(V5_INO),
          u32(b, V5_UID),
          u32(b, V5_GID),
          u32(b, V5_PID),
          u32(b, V5_TGID),
          name(bytes, V5_NAME, (int) u32(b, V5_LEN)));
    }
    if (type == AutofsPacket.Type.MISSING || type == AutofsPacket.Type.EXPIRE_MULTI) {
      requireLength(length, SIZEOF_PACKET_MISSING, type);
      return new AutofsPacket(
          proto,
          type,
          u32(b, V4_TOKEN),
          -1,
          -1,
          -1,
          -1,
          -1,
          -1,
          name(bytes, V4_NAME, b.getInt(V4_LEN)));
    }
    throw new IllegalArgumentException(type.cName() + " is never sent through the pipe");
  }

  /** The bytes the kernel would write for {@code p} (protocol 5 types only). */
  public static byte[] encodeV5(AutofsPacket p) {
    if (!p.type().isV5()) {
      throw new IllegalArgumentException("not a protocol 5 packet type: " + p.type());
    }
    byte[] name = p.name().getBytes(StandardCharsets.UTF_8);
    if (name.length > NAME_MAX) {
      throw new IllegalArgumentException("name longer than NAME_MAX");
    }
    ByteBuffer b = ByteBuffer.allocate(SIZEOF_V5_PACKET).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(HDR_PROTO_VERSION, p.protoVersion());
    b.putInt(HDR_TYPE, p.type().code());
    b.putInt(V5_TOKEN, (int) p.token());
    b.putInt(V5_DEV, (int) p.dev());
    b.putLong(V5_INO, p.ino());
    b.putInt(V5_UID, (int) p.uid());
    b.putInt(V5_GID, (int) p.gid());
    b.putInt(V5_PID, (int) p.pid());
    b.putInt(V5_TGID, (int) p.tgid());
    b.putInt(V5_LEN, name.length);
    b.position(V5_NAME);
    b.put(name);
    return b.array();
  }

  private static void requireLength(int length, int expected, AutofsPacket.Type type) {
    if (length != expected) {
      throw new IllegalArgumentException(
          type.cName() + " packet of " + length + " bytes, expected " + expected);
    }
  }

  private static long u32(ByteBuffer b, int offset) {
    return b.getInt(offset) & 0xffffffffL;
  }

  private static String name(byte[] bytes, int offset, int len) {
    if (len < 0 || len > NAME_MAX) {
      throw new IllegalArgumentException("name length " + len + " out of range");
    }
    return new String(bytes, offset, len, StandardCharsets.UTF_8);
  }
}
