package org.autofsrestore.app.criulog;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.autofsrestore.app.autofs.Severity;

/**
 * One message CRIU prints about autofs, as its source has it, and what it means to an operator.
 *
 * <p>{@code regex} matches the message's text, the part after {@code "Error (FILE:LINE): "}, with
 * the printf arguments as named groups: {@code mntid} (a mount id, as mountinfo and
 * mountpoints-N.img have it), {@code pid} (a pid as CRIU saw it, outside the dump's pid namespace:
 * the options' pgrp), {@code vpid} (a pid inside the dump: autofs-N.img's pgrp), {@code fd}, {@code
 * ino} (the pipe's inode, the options' pipe_ino) and {@code path} (a mount point, possibly below
 * CRIU's own service folder). The mount a line is about is found by these.
 *
 * @param id stable, as {@code inspect --json} prints it in {@code criu_log[].pattern}
 * @param level the word CRIU prints before the source position: {@code Error} or {@code Warn}
 * @param source the C file CRIU prints in the line ({@code criu/autofs.c})
 * @param format the C format string the line is printed from, as in CRIU's source
 * @param severity the finding's severity
 * @param meaning what the message means, one or two sentences
 * @param action what to do about it
 * @param versions the CRIU releases whose source prints it
 * @param follows ids of the messages this one continues (CRIU prints it right after one of them and
 *     names nothing of its own): it is read as part of that one's finding
 * @param fromNext when the line names no mount of its own, it is about the one the next autofs line
 *     names (an ioctl's failure is printed before the sentence saying which call failed)
 */
public record CriuLogPattern(
    String id,
    String level,
    String source,
    String format,
    Pattern regex,
    Severity severity,
    String meaning,
    String action,
    String versions,
    List<String> follows,
    boolean fromNext) {

  /** The groups a regex may name, in the order {@link CriuLogMatch} reads them. */
  public static final List<String> KEYS = List.of("mntid", "pid", "vpid", "fd", "ino", "path");

  public CriuLogPattern {
    follows = List.copyOf(follows);
  }

  /** This pattern's match of a line of {@code level} printed at {@code source}, if it is one. */
  public Optional<Matcher> match(String level, String source, String text) {
    if (!this.level.equals(level) || !this.source.equals(source)) {
      return Optional.empty();
    }
    Matcher m = regex.matcher(text);
    return m.matches() ? Optional.of(m) : Optional.empty();
  }

  /** Whether the regex names {@code key} as a group. */
  public boolean names(String key) {
    return regex.pattern().contains("(?<" + key + ">");
  }
}
