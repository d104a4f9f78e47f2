package org.autofsrestore.kernel;

import java.util.Optional;

/**
 * One kernel operation, as a value: what to call with which arguments, and what it returns ({@code
 * R}). A {@link Kernel} runs it; {@link #text()} prints it exactly as it would run, C-like.
 *
 * <p>The calls come in families, one file each: {@link PosixCall} (fds, processes, mounts), {@link
 * PathCall} (calls that look a path up; {@link PathAtCall} those confined to a held fd), {@link
 * MountApiCall} (fsopen, fsconfig, fsmount, move_mount), {@link AutofsIoctl} (the autofs ioctls)
 * and {@link MountQuery} (one mount's state). Records hold plain Java values only; each knows the
 * one {@link Syscalls} primitive it runs as, so a new call is its record and, when no primitive
 * fits yet, that primitive in {@link Syscalls} and in its Linux implementation.
 *
 * @param <R> what the call returns; {@link Void} (null) for calls that return only success
 */
public sealed interface KernelCall<R>
    permits PosixCall, PathCall, AutofsIoctl, MountQuery, MountApiCall {

  /** The call as C-like source text, e.g. {@code mkdir("/tmp/r/a", 0755)}. */
  String text();

  /** A short stable name for journals and JSON, e.g. {@code openmount}. */
  String op();

  /**
   * Runs this call on {@code syscalls}: what a {@link Kernel} implementation does with it. Failures
   * are the implementation's own (unchecked) errors; the kernel turns them into a {@link
   * KernelException} naming this call.
   */
  R invoke(Syscalls syscalls);

  /** What the kernel means by {@code errno} for this call, where it is known. */
  default Optional<String> meaning(Errno errno) {
    return Optional.empty();
  }
}
