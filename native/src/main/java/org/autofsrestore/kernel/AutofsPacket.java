package org.autofsrestore.kernel;

import java.util.Objects;
import java.util.Optional;

/**
 * One request the kernel wrote to an autofs mount's pipe.
 *
 * <p>Protocol 5 packets (struct autofs_v5_packet, 304 bytes on x86_64) carry every field; the
 * protocol 3/4 packets (missing, expire_multi) carry only the token and the name, and the other
 * numeric fields are -1 there. {@code token} is the unsigned 32-bit wait queue token to answer with
 * READY or FAIL; {@code dev} is the 32-bit device number of the mount (new_encode_dev).
 *
 * @param protoVersion hdr.proto_version: the mount's protocol version
 * @param type hdr.type
 * @param token wait_queue_token, 0..2^32-1
 * @param dev dev (v5 only, else -1)
 * @param ino ino (v5 only, else -1)
 * @param uid uid of the requesting process (v5 only, else -1)
 * @param gid gid of the requesting process (v5 only, else -1)
 * @param pid pid of the requesting thread (v5 only, else -1)
 * @param tgid thread group id of the requesting process (v5 only, else -1)
 * @param name the key asked for (the name below an indirect mount; for direct mounts the kernel
 *     sends the mount's own root, usually an empty-looking name)
 */
public record AutofsPacket(
    int protoVersion,
    Type type,
    long token,
    long dev,
    long ino,
    long uid,
    long gid,
    long pid,
    long tgid,
    String name) {

  public AutofsPacket {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
  }

  /** The packet types of include/uapi/linux/auto_fs.h. */
  public enum Type {
    MISSING(0, "autofs_ptype_missing"),
    EXPIRE(1, "autofs_ptype_expire"),
    EXPIRE_MULTI(2, "autofs_ptype_expire_multi"),
    MISSING_INDIRECT(3, "autofs_ptype_missing_indirect"),
    EXPIRE_INDIRECT(4, "autofs_ptype_expire_indirect"),
    MISSING_DIRECT(5, "autofs_ptype_missing_direct"),
    EXPIRE_DIRECT(6, "autofs_ptype_expire_direct");

    private final int code;
    private final String cName;

    Type(int code, String cName) {
      this.code = code;
      this.cName = cName;
    }

    public int code() {
      return code;
    }

    /** The C name, e.g. autofs_ptype_missing_indirect. */
    public String cName() {
      return cName;
    }

    /** True for the protocol 5 types, whose packets carry dev, ino, uid, gid, pid and tgid. */
    public boolean isV5() {
      return code >= 3;
    }

    /** True for requests to mount (as opposed to expire/umount). */
    public boolean isMissing() {
      return this == MISSING || this == MISSING_INDIRECT || this == MISSING_DIRECT;
    }

    public static Optional<Type> forCode(int code) {
      for (Type t : values()) {
        if (t.code == code) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }
}
