package org.autofsrestore.app.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The words of a refusal at run time, without a kernel: the held target's statx or entry count
 * turned into a sentence naming the path, what it became and what to do; a refused walk naming the
 * component that stopped it.
 */
class HeldTargetRefusalTest {
  @Test
  void theRunTimeRefusalsNameThePathWhatItBecameAndAnAction() {
    String mounted =
        TargetChecks.refusalOf(
            "/r/srv/auto-a", new org.autofsrestore.kernel.FdIdentity(77, 45, 040755, Boolean.TRUE));
    assertEquals(
        "/r/srv/auto-a is a mount point now (mount id 77): refused, nothing mounted over it."
            + " Action: "
            + TargetChecks.ACTION_MOUNTED,
        mounted);
    assertTrue(
        TargetChecks.refusalOf(
                "/r/srv/auto-a",
                new org.autofsrestore.kernel.FdIdentity(77, 45, 0120777, Boolean.FALSE))
            .startsWith("/r/srv/auto-a became a symlink since the plan: refused."));
    assertEquals(
        "/r/srv/auto-a has 1 entry now: refused, nothing mounted over it. Action: "
            + TargetChecks.ACTION_NOT_EMPTY,
        TargetChecks.refusalOfEntries("/r/srv/auto-a", 1));
    assertEquals(
        null,
        TargetChecks.refusalOf(
            "/r/x", new org.autofsrestore.kernel.FdIdentity(7, 45, 040755, Boolean.FALSE)));
  }

  @Test
  void aRefusedWalkNamesTheComponentAndWhatItBecame(@TempDir Path tmp) throws Exception {
    Path r = java.nio.file.Files.createDirectories(tmp.resolve("r"));
    java.nio.file.Files.createSymbolicLink(r.resolve("srv"), tmp);
    assertEquals(
        "the component "
            + r.resolve("srv")
            + " is now a symlink (to "
            + tmp
            + "), never followed: refused, nothing done outside the root. Action: check what"
            + " changed "
            + r.resolve("srv/auto-a")
            + " under the root; restore again when it is a directory.",
        PathDiagnosis.refusal(r, r.resolve("srv/auto-a")));
  }
}
