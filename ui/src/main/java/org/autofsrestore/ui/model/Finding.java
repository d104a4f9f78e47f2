package org.autofsrestore.ui.model;

/**
 * One diagnostic: a stable code, a severity, the mount it concerns ({@code null} or empty for the
 * dump as a whole), one sentence saying what is wrong and one saying what to do.
 */
public record Finding(
    String code, Severity severity, String mountpoint, String message, String action) {}
