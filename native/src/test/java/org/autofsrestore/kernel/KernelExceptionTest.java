package org.autofsrestore.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Optional;
import org.autofsrestore.kernel.AutofsIoctl.OpenMount;
import org.autofsrestore.kernel.AutofsIoctl.SetPipeFd;
import org.autofsrestore.kernel.PosixCall.Close;
import org.autofsrestore.kernel.PosixCall.Mount;
import org.junit.jupiter.api.Test;

class KernelExceptionTest {

  @Test
  void theMessageNamesTheCallTheErrnoAndTheKernelsMeaning() {
    SetPipeFd call = new SetPipeFd(5, 7);
    KernelException e = new KernelException(call, Errno.EBUSY);

    assertSame(call, e.call());
    assertEquals("EBUSY", e.errnoName());
    assertEquals("Device or resource busy", e.strerror());
    assertEquals(Optional.of("the mount is not catatonic"), e.meaning());
    assertEquals(
        "ioctl(/dev/autofs, AUTOFS_DEV_IOCTL_SETPIPEFD, {.ioctlfd = 5, .setpipefd.pipefd = 7})"
            + " failed: EBUSY (Device or resource busy): the mount is not catatonic",
        e.getMessage());
  }

  @Test
  void theKernelsMeaningsOfDesignSectionFiveAreKnown() {
    assertEquals(
        Optional.of("the fd is a pipe read end (or not a pipe): it must be a write end"),
        new SetPipeFd(5, 6).meaning(Errno.EPIPE));
    Mount autofs = new Mount("m", "/t", "autofs", 0, "fd=3");
    assertEquals(
        Optional.of("fd= is not a pipe write end (a read end, a closed fd or not a pipe)"),
        autofs.meaning(Errno.EBADF));
    assertEquals(
        Optional.of(
            "unknown option or pgrp= names no process group"
                + " (timeout= and pipe_ino= are not mount options);"
                + " before Linux 6.12 also: fd= is not a pipe write end"),
        autofs.meaning(Errno.EINVAL));
    assertEquals(
        Optional.of("no autofs mount with that device number at that path"),
        new OpenMount("/t", 45).meaning(Errno.ENOENT));
    assertEquals(Optional.empty(), new Mount("m", "/t", "tmpfs", 0, null).meaning(Errno.EBADF));
  }

  @Test
  void anErrnoWithoutAKnownMeaningStillNamesItselfAndDetailIsKept() {
    KernelException e = new KernelException(new Close(9), Errno.EINTR, "second try");
    assertEquals(Optional.empty(), e.meaning());
    assertEquals(Optional.of("second try"), e.detail());
    assertEquals("close(9) failed: EINTR (Interrupted system call) [second try]", e.getMessage());
  }
}
