package org.autofsrestore.app.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder that looks like /proc to {@code ProcFs} and {@code LiveFacts}: processes with stat,
 * comm, fd links and fdinfo, a mount namespace link, mountinfo, and the files a sleeper's blocked
 * call is read from (wchan, syscall, mem, cwd). {@code self} links to the reading process.
 */
public final class CraftedProc {
  /** The address the crafted mem files hold a path at: any file offset works as one. */
  public static final long PATH_ADDRESS = 0x1000;

  private final Path root;

  public CraftedProc(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** A process in mount namespace {@code ns}; the first one made is also {@code self}. */
  public CraftedProc process(long pid, long pgrp, String comm, char state, String ns)
      throws IOException {
    Path d = Files.createDirectories(root.resolve(Long.toString(pid)));
    Files.createDirectories(d.resolve("fd"));
    Files.createDirectories(d.resolve("fdinfo"));
    Files.createDirectories(d.resolve("ns"));
    Files.createSymbolicLink(d.resolve("ns/mnt"), Path.of("mnt:[" + ns + "]"));
    Files.writeString(d.resolve("comm"), comm + "\n");
    Files.writeString(
        d.resolve("stat"), pid + " (" + comm + ") " + state + " 1 " + pgrp + " " + pgrp + " 0\n");
    if (!Files.exists(root.resolve("self"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(root.resolve("self"), Path.of(Long.toString(pid)));
    }
    return this;
  }

  /** {@code pid}'s mountinfo: the given lines. */
  public CraftedProc mountinfo(long pid, String... lines) throws IOException {
    Files.writeString(
        root.resolve(pid + "/mountinfo"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return this;
  }

  /** An fd on pipe {@code ino}: flags 0 is a read end, 1 a write end. */
  public CraftedProc pipeFd(long pid, int fd, long ino, int flags) throws IOException {
    Files.createSymbolicLink(root.resolve(pid + "/fd/" + fd), Path.of("pipe:[" + ino + "]"));
    Files.writeString(
        root.resolve(pid + "/fdinfo/" + fd), "pos:\t0\nflags:\t0" + flags + "\nmnt_id:\t15\n");
    return this;
  }

  /** An fd table this reader cannot list (EACCES on the real /proc; a file here). */
  public CraftedProc fdTableUnreadable(long pid) throws IOException {
    Path fd = root.resolve(pid + "/fd");
    Files.delete(fd);
    Files.writeString(fd, "");
    return this;
  }

  /** Asleep in autofs_wait, in statx(AT_FDCWD, path), with cwd {@code cwd}. */
  public CraftedProc asleepOn(long pid, String path, String cwd) throws IOException {
    Path d = root.resolve(Long.toString(pid));
    Files.writeString(d.resolve("wchan"), "autofs_wait");
    Files.writeString(
        d.resolve("syscall"), "332 0xffffff9c 0x1000 0x900 0xfff 0x7ffd0 0x0 0x7ffd 0x7f\n");
    byte[] mem = new byte[(int) PATH_ADDRESS + 4096];
    byte[] p = path.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(p, 0, mem, (int) PATH_ADDRESS, p.length);
    Files.write(d.resolve("mem"), mem);
    Files.createSymbolicLink(d.resolve("cwd"), Path.of(cwd));
    return this;
  }

  /** Asleep in autofs_wait, its syscall and mem unreadable (another user's), with a cwd. */
  public CraftedProc asleepUnseen(long pid, String cwd) throws IOException {
    Path d = root.resolve(Long.toString(pid));
    Files.writeString(d.resolve("wchan"), "autofs_wait");
    if (cwd != null) {
      Files.createSymbolicLink(d.resolve("cwd"), Path.of(cwd));
    }
    return this;
  }
}
