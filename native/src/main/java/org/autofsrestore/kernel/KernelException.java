package org.autofsrestore.kernel;

import java.util.Objects;
import java.util.Optional;

/**
 * A kernel call failed: which call (as a value, printed exactly as it ran), the errno (name and
 * strerror text), and what the kernel means by that errno for this call where that is known.
 *
 * <p>Unchecked: every kernel call can fail, and callers handle the failure where they can do
 * something about it (typically: park the mount, record the errno in the journal).
 */
public final class KernelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient KernelCall<?> call;
  private final Errno errno;
  private final String detail;

  public KernelException(KernelCall<?> call, Errno errno) {
    this(call, errno, null);
  }

  /**
   * @param detail an extra fact from the implementation (for example which side call failed), or
   *     null
   */
  public KernelException(KernelCall<?> call, Errno errno, String detail) {
    super(message(call, errno, detail));
    this.call = Objects.requireNonNull(call, "call");
    this.errno = Objects.requireNonNull(errno, "errno");
    this.detail = detail;
  }

  private static String message(KernelCall<?> call, Errno errno, String detail) {
    StringBuilder b = new StringBuilder();
    b.append(call.text()).append(" failed: ").append(errno.describe());
    call.meaning(errno).ifPresent(m -> b.append(": ").append(m));
    if (detail != null) {
      b.append(" [").append(detail).append(']');
    }
    return b.toString();
  }

  /** The call that failed. */
  public KernelCall<?> call() {
    return call;
  }

  public Errno errno() {
    return errno;
  }

  /** "EBUSY". */
  public String errnoName() {
    return errno.name();
  }

  /** "Device or resource busy". */
  public String strerror() {
    return errno.strerror();
  }

  /** What the kernel means by this errno for this call, e.g. "the mount is not catatonic". */
  public Optional<String> meaning() {
    return call.meaning(errno);
  }

  /** An extra fact from the implementation, if any. */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }
}
