package org.autofsrestore.app.restore;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a journal's {@code start} line records of its run, so that {@code restore --resume} can
 * rebuild exactly that plan: the dump and its digest, the options, and the process group the mounts
 * were given (mountinfo keeps it after the restoring process is gone, so a mount found at a target
 * can be told to be this run's).
 *
 * @param dump the dump's image directory, absolute
 * @param dumpDigest {@link DumpDigest} of it when the run started
 * @param mountpoints the --mount choice; empty for every autofs mount of the dump
 * @param last the last stage the run was to run (--stage)
 * @param pgrp the process group of the restoring process, the mounts' pgrp=
 */
public record RunRecord(
    Path dump,
    String dumpDigest,
    Path root,
    List<String> mountpoints,
    OwnerMode owner,
    boolean mkdir,
    long waitSeconds,
    StageName last,
    long pgrp) {
  /** Joins paths in one flat JSON string (a journal line is flat): a path holds no NUL byte. */
  static final String SEPARATOR = "\0";

  public RunRecord {
    mountpoints = List.copyOf(mountpoints);
  }

  /**
   * How a new run's journal is opened so that it records the run: the dump is digested now, the
   * process group filled in when the journal is created.
   *
   * @throws java.io.UncheckedIOException when the dump cannot be read to digest it
   */
  public static LiveRestore.JournalOpening.Create recording(
      Path dump, Planner.Options options, StageName last) {
    String digest;
    try {
      digest = DumpDigest.of(dump);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the dump " + dump + " to digest it", e);
    }
    Path absolute = dump.toAbsolutePath().normalize();
    return new LiveRestore.JournalOpening.Create(
        pgrp ->
            new RunRecord(
                    absolute,
                    digest,
                    options.root(),
                    options.mountpoints(),
                    options.owner(),
                    options.mkdir(),
                    options.waitOwnerSeconds(),
                    last,
                    pgrp)
                .fields());
  }

  public Planner.Options options() {
    return new Planner.Options(root, mountpoints, owner, mkdir, waitSeconds, true);
  }

  /** The fields of the start line, in order. */
  public Map<String, Object> fields() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("dump", dump.toString());
    f.put("dump_sha256", dumpDigest);
    f.put("root", root.toString());
    f.put("mounts", String.join(SEPARATOR, mountpoints));
    f.put("owner", owner.option());
    f.put("mkdir", mkdir);
    f.put("wait", waitSeconds);
    f.put("stage", last.label());
    f.put("pgrp", pgrp);
    return f;
  }

  /**
   * The run a start line records; empty for a journal written before runs were recorded (it can be
   * undone, not resumed).
   *
   * @throws IllegalArgumentException when a field is there but malformed, naming it
   */
  public static Optional<RunRecord> from(Map<String, Object> start) {
    if (!start.containsKey("dump_sha256")) {
      return Optional.empty();
    }
    String mounts = text(start, "mounts");
    return Optional.of(
        new RunRecord(
            Path.of(text(start, "dump")),
            text(start, "dump_sha256"),
            Path.of(text(start, "root")),
            mounts.isEmpty() ? List.of() : Arrays.asList(mounts.split(SEPARATOR, -1)),
            owner(text(start, "owner")),
            Boolean.TRUE.equals(start.get("mkdir")),
            number(start, "wait"),
            stage(text(start, "stage")),
            number(start, "pgrp")));
  }

  private static String text(Map<String, Object> start, String name) {
    if (!(start.get(name) instanceof String s)) {
      throw new IllegalArgumentException("the start line's \"" + name + "\" is not a string");
    }
    return s;
  }

  private static long number(Map<String, Object> start, String name) {
    if (!(start.get(name) instanceof Long n)) {
      throw new IllegalArgumentException("the start line's \"" + name + "\" is not a number");
    }
    return n;
  }

  private static OwnerMode owner(String value) {
    for (OwnerMode m : OwnerMode.values()) {
      if (m.option().equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException("the start line's \"owner\" is " + value);
  }

  private static StageName stage(String value) {
    for (StageName s : StageName.values()) {
      if (s.label().equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("the start line's \"stage\" is " + value);
  }
}
