package org.autofsrestore.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.autofsrestore.testkit.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Reading an image and writing its records back gives the same bytes as CRIU wrote. */
class ImageRoundTripTest {
  @TempDir Path out;

  @TestFactory
  Stream<DynamicTest> readWriteReadIsByteIdenticalForTheImagesARestoreNeeds() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path dir : Fixtures.imageDirectories()) {
      if (dir.getFileName().toString().startsWith("broken-")) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path image : files.sorted().toList()) {
          ImageType<?> type = typeOf(image.getFileName().toString());
          if (type != null) {
            tests.add(
                DynamicTest.dynamicTest(
                    dir.getFileName() + "/" + image.getFileName(), () -> roundTrip(image, type)));
          }
        }
      }
    }
    assertTrue(tests.size() >= 50, "expected the fixtures' images, found " + tests.size());
    return tests.stream();
  }

  private <M extends MessageLite> void roundTrip(Path image, ImageType<M> type) throws IOException {
    Path copy = out.resolve(image.getParent().getFileName() + "-" + image.getFileName());
    ImageWriter.write(copy, type, ImageReader.readAll(image, type));
    assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(copy));
  }

  private static ImageType<?> typeOf(String name) {
    if (name.startsWith("mountpoints-")) {
      return ImageType.MNTS;
    } else if (name.startsWith("autofs-")) {
      return ImageType.AUTOFS;
    } else if (name.equals("pstree.img")) {
      return ImageType.PSTREE;
    } else if (name.startsWith("ids-")) {
      return ImageType.IDS;
    } else if (name.startsWith("fdinfo-")) {
      return ImageType.FDINFO;
    } else if (name.equals("files.img")) {
      return ImageType.FILES;
    } else if (name.equals("inventory.img")) {
      return ImageType.INVENTORY;
    }
    return null;
  }
}
