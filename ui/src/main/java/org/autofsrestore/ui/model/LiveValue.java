package org.autofsrestore.ui.model;

/**
 * One row of the side-by-side table of a mount in the dump and on the live host: a field (device,
 * mode, timeout, ...), its value in the dump and live ("-" when that side has none), and whether
 * they differ in a way worth marking.
 */
public record LiveValue(String field, String dump, String live, boolean differs) {}
