package org.autofsrestore.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} prints: the version and the commit this jar was built from, both written
 * into {@code build.properties} by the build. A build outside a git checkout has no commit, and
 * says so rather than printing the placeholder.
 */
record BuildInfo(String version, String commit, boolean dirty) {
  private static final String RESOURCE = "build.properties";

  static BuildInfo ofThisJar() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + RESOURCE + " beside BuildInfo");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return new BuildInfo(
        p.getProperty("version", "unknown"),
        p.getProperty("commit", ""),
        "true".equals(p.getProperty("dirty")));
  }

  /** Whether the build knew its commit (a property the build did not set stays a placeholder). */
  boolean knowsCommit() {
    return commit.matches("[0-9a-f]{40}");
  }

  /** One line, e.g. {@code autofs-restore 0.1.0 (commit 6bba5a5...)}. */
  String line() {
    String from =
        !knowsCommit()
            ? "commit unknown: built outside a git checkout"
            : "commit " + commit + (dirty ? ", with uncommitted changes" : "");
    return "autofs-restore " + version + " (" + from + ")";
  }

  /** picocli's hook for {@code --version}. */
  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {ofThisJar().line()};
    }
  }
}
