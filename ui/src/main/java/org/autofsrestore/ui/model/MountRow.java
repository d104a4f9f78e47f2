package org.autofsrestore.ui.model;

import java.util.Optional;

/**
 * One line of the mount list, from the dump: the mount's stable {@code id} (any string unique in
 * the dump, e.g. the mnt_id; the UI passes it back to {@link DumpModel#details} and {@link
 * RestoreController}), its mountpoint, mode, timeout (seconds), fd and pgrp from the mount options
 * (fd -1 when catatonic), the owner's {@code comm} (empty when there is no owner), whether it is
 * catatonic, and its worst finding if any. The restore progress is live state and comes from {@link
 * RestoreController#progress}.
 */
public record MountRow(
    String id,
    String mountpoint,
    MountMode mode,
    long timeout,
    int fd,
    int pgrp,
    String ownerComm,
    boolean catatonic,
    Optional<Finding> worstFinding) {}
