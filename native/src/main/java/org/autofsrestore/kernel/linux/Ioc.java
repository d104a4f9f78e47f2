package org.autofsrestore.kernel.linux;

/**
 * The _IOC ioctl number encoding of include/uapi/asm-generic/ioctl.h, which x86_64 uses: 8 bits
 * command number, 8 bits type, 14 bits argument size, 2 bits direction (1 write, 2 read).
 */
public final class Ioc {
  private Ioc() {}

  public static final int NRBITS = 8;
  public static final int TYPEBITS = 8;
  public static final int SIZEBITS = 14;
  public static final int DIRBITS = 2;

  public static final int NRSHIFT = 0;
  public static final int TYPESHIFT = NRSHIFT + NRBITS;
  public static final int SIZESHIFT = TYPESHIFT + TYPEBITS;
  public static final int DIRSHIFT = SIZESHIFT + SIZEBITS;

  public static final int NONE = 0;
  public static final int WRITE = 1;
  public static final int READ = 2;

  /** _IOC(dir, type, nr, size) as the unsigned 32-bit value, in a long. */
  public static long ioc(int dir, int type, int nr, int size) {
    check(dir, DIRBITS, "dir");
    check(type, TYPEBITS, "type");
    check(nr, NRBITS, "nr");
    check(size, SIZEBITS, "size");
    return ((long) dir << DIRSHIFT)
        | ((long) type << TYPESHIFT)
        | ((long) nr << NRSHIFT)
        | ((long) size << SIZESHIFT);
  }

  /** _IO(type, nr). */
  public static long io(int type, int nr) {
    return ioc(NONE, type, nr, 0);
  }

  /** _IOR(type, nr, size): the kernel writes {@code size} bytes to the argument. */
  public static long ior(int type, int nr, int size) {
    return ioc(READ, type, nr, size);
  }

  /** _IOW(type, nr, size): the kernel reads {@code size} bytes from the argument. */
  public static long iow(int type, int nr, int size) {
    return ioc(WRITE, type, nr, size);
  }

  /** _IOWR(type, nr, size). */
  public static long iowr(int type, int nr, int size) {
    return ioc(READ | WRITE, type, nr, size);
  }

  public static int dir(long request) {
    return field(request, DIRSHIFT, DIRBITS);
  }

  public static int type(long request) {
    return field(request, TYPESHIFT, TYPEBITS);
  }

  public static int nr(long request) {
    return field(request, NRSHIFT, NRBITS);
  }

  public static int size(long request) {
    return field(request, SIZESHIFT, SIZEBITS);
  }

  private static int field(long request, int shift, int bits) {
    return (int) ((request >>> shift) & ((1L << bits) - 1));
  }

  private static void check(int value, int bits, String what) {
    if (value < 0 || value >= (1 << bits)) {
      throw new IllegalArgumentException(what + " does not fit in " + bits + " bits: " + value);
    }
  }
}
