package org.autofsrestore.ui.model;

/**
 * One row of the side-by-side table of the two sources of truth in the dump: a field (fd, pgrp,
 * timeout, minproto, ...), its value in the mount options and in autofs-N.img (empty when that
 * source has none), and whether they differ in a way worth marking.
 */
public record DumpValue(String field, String fromOptions, String fromImage, boolean differs) {}
