package org.autofsrestore.app.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.autofsrestore.app.autofs.AutofsAnalysis;
import org.autofsrestore.app.autofs.AutofsMount;
import org.autofsrestore.app.testing.CommandRun;
import org.autofsrestore.app.testing.CraftedDumps;
import org.autofsrestore.image.ImageReader;
import org.autofsrestore.image.ImageType;
import org.autofsrestore.image.ImageWriter;
import org.autofsrestore.proto.CoreEntry;
import org.autofsrestore.proto.MntEntry;
import org.autofsrestore.proto.PstreeEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each limit of {@link DumpLimits}, hit by a crafted dump, is named in the error. */
class DumpLimitsTest {
  @TempDir Path tmp;

  private static MntEntry mount(int id) {
    return MntEntry.newBuilder()
        .setFstype(1)
        .setMntId(id)
        .setRootDev(1)
        .setParentMntId(1)
        .setFlags(0)
        .setRoot("/")
        .setMountpoint("/")
        .setSource("")
        .setOptions("")
        .build();
  }

  @Test
  void moreThanMaxMountsInAllMountTablesTogetherIsUnreadableAndNamesMaxMounts() throws Exception {
    Path dump = CraftedDumps.copy("indirect", tmp.resolve("d"));
    // Two namespaces, each under the limit, together one mount over it.
    int half = DumpLimits.MAX_MOUNTS / 2;
    try (ImageWriter<MntEntry> w =
        ImageWriter.create(dump.resolve("mountpoints-10.img.new"), ImageType.MNTS)) {
      for (int i = 0; i < half; i++) {
        w.append(mount(i + 1));
      }
    }
    Files.move(
        dump.resolve("mountpoints-10.img.new"),
        dump.resolve("mountpoints-10.img"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (ImageWriter<MntEntry> w =
        ImageWriter.create(dump.resolve("mountpoints-11.img"), ImageType.MNTS)) {
      for (int i = 0; i <= DumpLimits.MAX_MOUNTS - half; i++) {
        w.append(mount(half + i + 1)); // mount ids are the kernel's, unique across namespaces
      }
    }
    DumpUnreadableException e =
        assertThrows(DumpUnreadableException.class, () -> DumpLoader.load(dump));
    assertTrue(e.getMessage().startsWith("mountpoints-11.img at byte "), e.getMessage());
    assertTrue(e.getMessage().contains("MAX_MOUNTS"), e.getMessage());
    assertTrue(e.getMessage().contains("more than 1000000 mounts"), e.getMessage());
  }

  @Test
  void moreThanMaxTasksCountingThreadsIsUnreadableAndNamesMaxTasks() throws Exception {
    Path dump = CraftedDumps.copy("indirect", tmp.resolve("d"));
    // Two processes with 2,097,152 threads each: 4,194,306 tasks, two over PID_MAX_LIMIT.
    int threads = DumpLimits.MAX_TASKS / 2;
    Files.delete(dump.resolve("pstree.img"));
    try (ImageWriter<PstreeEntry> w =
        ImageWriter.create(dump.resolve("pstree.img"), ImageType.PSTREE)) {
      for (int pid = 1; pid <= 2; pid++) {
        PstreeEntry.Builder p = PstreeEntry.newBuilder().setPid(pid).setPpid(0).setPgid(1);
        p.setSid(1);
        for (int t = 0; t < threads; t++) {
          p.addThreads(1);
        }
        w.append(p.build());
      }
    }
    DumpUnreadableException e =
        assertThrows(DumpUnreadableException.class, () -> DumpLoader.load(dump));
    assertTrue(e.getMessage().startsWith("pstree.img at byte "), e.getMessage());
    assertTrue(e.getMessage().contains("MAX_TASKS"), e.getMessage());
    assertTrue(e.getMessage().contains("more than 4194304 tasks"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} of {1} bytes")
  @CsvSource({
    "mountpoint, 4097, MAX_PATH_BYTES",
    "root, 4097, MAX_PATH_BYTES",
    "source, 4097, MAX_SOURCE_BYTES",
    "options, 65537, MAX_OPTIONS_BYTES"
  })
  void aMountStringAboveItsLimitMakesTheDumpUnreadableAndNamesTheLimit(
      String field, int bytes, String limit) throws Exception {
    Path dump = CraftedDumps.copy("indirect", tmp.resolve("d"));
    String huge = "/" + "x".repeat(bytes - 1);
    UnaryOperator<MntEntry> change =
        m -> {
          if (m.getMntId() != 48) {
            return m;
          }
          MntEntry.Builder b = m.toBuilder();
          switch (field) {
            case "mountpoint" -> b.setMountpoint(huge);
            case "root" -> b.setRoot(huge);
            case "source" -> b.setSource(huge);
            default -> b.setOptions(huge);
          }
          return b.build();
        };
    CraftedDumps.rewriteMounts(dump, change);
    DumpUnreadableException e =
        assertThrows(DumpUnreadableException.class, () -> DumpLoader.load(dump));
    assertTrue(
        e.getMessage().contains("mount 48 has a " + field + " of " + bytes + " bytes"),
        e.getMessage());
    assertTrue(e.getMessage().contains(limit), e.getMessage());

    // The operator sees it as an unreadable dump: exit status 3, one line naming the limit.
    CommandRun run = CommandRun.of("inspect", dump.toString());
    assertEquals(3, run.status(), run.out() + run.err());
    assertTrue(run.err().contains(limit), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  @Test
  void aStringJustAtItsLimitIsRead() throws Exception {
    Path dump = CraftedDumps.copy("indirect", tmp.resolve("d"));
    String longest = "/" + "x".repeat(DumpLimits.MAX_PATH_BYTES - 1);
    CraftedDumps.rewriteMounts(
        dump, m -> m.getMntId() == 48 ? m.toBuilder().setMountpoint(longest).build() : m);
    assertEquals(longest, DumpLoader.load(dump).autofsMounts().get(0).mountpoint());
  }

  @Test
  void aCommAboveMaxCommBytesDamagesTheCoreImageAndTheOwnerIsShownWithoutAName() throws Exception {
    Path dump = CraftedDumps.copy("indirect", tmp.resolve("d"));
    Path core = dump.resolve("core-32.img");
    CoreEntry entry = ImageReader.readOne(core, ImageType.CORE);
    CoreEntry longName =
        entry.toBuilder()
            .setTc(entry.getTc().toBuilder().setComm("automount-with-a-long-name"))
            .build();
    Files.delete(core);
    ImageWriter.write(core, ImageType.CORE, java.util.List.of(longName));

    Dump loaded = DumpLoader.load(dump);
    ImagePart<String> comm = loaded.commPart(32);
    assertTrue(comm instanceof ImagePart.Damaged<String>, comm.toString());
    String problem = ((ImagePart.Damaged<String>) comm).problem().getMessage();
    assertTrue(problem.contains("MAX_COMM_BYTES"), problem);
    assertTrue(problem.contains("26 bytes"), problem);

    AutofsMount m = AutofsAnalysis.inspect(loaded).mounts().get(0);
    assertEquals(32, m.owner().orElseThrow().pid());
    assertEquals(null, m.owner().orElseThrow().comm());
  }
}
