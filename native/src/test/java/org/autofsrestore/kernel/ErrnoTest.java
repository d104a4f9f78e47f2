package org.autofsrestore.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrnoTest {

  @Test
  void theErrnosTheRestoreMeetsHaveLinuxNumbersAndGlibcTexts() {
    Map<Errno, Integer> numbers =
        Map.ofEntries(
            Map.entry(Errno.EPERM, 1),
            Map.entry(Errno.ENOENT, 2),
            Map.entry(Errno.EINTR, 4),
            Map.entry(Errno.EBADF, 9),
            Map.entry(Errno.EAGAIN, 11),
            Map.entry(Errno.EACCES, 13),
            Map.entry(Errno.EBUSY, 16),
            Map.entry(Errno.EEXIST, 17),
            Map.entry(Errno.ENOTDIR, 20),
            Map.entry(Errno.EINVAL, 22),
            Map.entry(Errno.ENOTTY, 25),
            Map.entry(Errno.EPIPE, 32),
            Map.entry(Errno.ELOOP, 40),
            Map.entry(Errno.EPROTO, 71));
    numbers.forEach((e, n) -> assertEquals(n, e.number(), e.name()));
    assertEquals("Device or resource busy", Errno.EBUSY.strerror());
    assertEquals("Broken pipe", Errno.EPIPE.strerror());
    assertEquals("EINVAL (Invalid argument)", Errno.EINVAL.describe());
  }

  @Test
  void numbersAndNamesResolveBothWaysWithGlibcAliases() {
    for (Errno e : Errno.values()) {
      assertEquals(Optional.of(e), Errno.forNumber(e.number()));
      assertEquals(Optional.of(e), Errno.forName(e.name()));
    }
    assertEquals(Optional.of(Errno.EAGAIN), Errno.forName("EWOULDBLOCK"));
    assertEquals(Optional.of(Errno.EOPNOTSUPP), Errno.forName("enotsup"));
    assertEquals(Optional.of(Errno.EDEADLK), Errno.forName("EDEADLOCK"));
    assertEquals(Optional.empty(), Errno.forNumber(0));
    assertEquals(Optional.empty(), Errno.forNumber(41));
    assertEquals(Optional.empty(), Errno.forNumber(134));
    assertEquals(Optional.empty(), Errno.forName("EFOO"));
    assertEquals(131, Errno.values().length, "1..133 without the unused 41 and 58");
  }
}
