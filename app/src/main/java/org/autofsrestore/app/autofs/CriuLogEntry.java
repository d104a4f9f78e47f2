package org.autofsrestore.app.autofs;

/**
 * One autofs line of a CRIU log, as {@code inspect --json} lists it under {@code criu_log}.
 *
 * @param file the log's name in the dump directory
 * @param line the line's number in it (null in the last part of a log read in part)
 * @param text the line as CRIU printed it
 * @param pattern the id of the pattern (app.criulog.CriuLogPattern) it matched
 * @param mntId the id of the dump's mount it is about, or null when it names none of them
 * @param mountpoint that mount's mount point, or null
 */
public record CriuLogEntry(
    String file, Integer line, String text, String pattern, Integer mntId, String mountpoint) {}
