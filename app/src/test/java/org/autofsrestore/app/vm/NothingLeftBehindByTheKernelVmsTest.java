package org.autofsrestore.app.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs on the host after the kernel tests' VMs (its own Surefire execution, kernel-vm-leftovers):
 * no qemu that shared this project folder is still running, and neither the machine's mount table
 * (pid 1's) nor its loop devices name this project or the VMs' cache.
 */
@Tag("vm-leftovers")
class NothingLeftBehindByTheKernelVmsTest {
  /** The reactor's root: the folder every kernel VM of this build shared read-write. */
  private static final String PROJECT =
      Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().toString();

  @Test
  void noQemuThatSharedThisProjectIsStillRunning() throws IOException {
    List<String> left = new ArrayList<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : procs) {
        String cmdline;
        try {
          cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
        } catch (IOException gone) {
          continue;
        }
        if (cmdline.startsWith("qemu-system") && cmdline.contains("path=" + PROJECT + ",")) {
          left.add(p.getFileName() + ": " + cmdline.replace('\0', ' '));
        }
      }
    }
    assertEquals(List.of(), left);
  }

  @Test
  void theMachinesMountTableAndLoopDevicesNameNeitherThisProjectNorTheVms() throws IOException {
    List<String> left = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/1/mountinfo"))) {
      if (line.contains(PROJECT + "/") || line.contains("kernel-vm") || line.contains(" autofs ")) {
        left.add(line);
      }
    }
    Path block = Path.of("/sys/block");
    if (Files.isDirectory(block)) {
      try (DirectoryStream<Path> loops = Files.newDirectoryStream(block, "loop*")) {
        for (Path loop : loops) {
          Path backing = loop.resolve("loop/backing_file");
          if (Files.exists(backing)) {
            String file = Files.readString(backing).trim();
            if (file.startsWith(PROJECT) || file.contains("kernel-vm")) {
              left.add(loop.getFileName() + " -> " + file);
            }
          }
        }
      }
    }
    assertEquals(List.of(), left);
  }
}
