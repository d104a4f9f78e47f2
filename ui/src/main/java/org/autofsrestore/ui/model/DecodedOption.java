package org.autofsrestore.ui.model;

/**
 * One option of the mount's option string as the kernel parses it: name, value (empty for flags
 * such as {@code indirect}) and a note (empty, or e.g. "unknown", "dropped on restore", "malformed:
 * not a number").
 */
public record DecodedOption(String name, String value, String note) {}
