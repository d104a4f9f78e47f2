package org.autofsrestore.ui.model;

/**
 * One step of the restore plan.
 *
 * @param call the exact call text, as it would run, with placeholders for values not yet known,
 *     e.g. {@code mount("/etc/auto.a", "/tmp/r/srv/auto-a", "autofs", 0,
 *     "fd=<pipe.write>,pgrp=<pgrp>,minproto=5,maxproto=5,indirect")}
 * @param status where it stands
 * @param answer the kernel's answer once run, e.g. {@code = 0}, {@code = 7 (ioctl fd)}, {@code
 *     EBUSY: the mount is not catatonic}; empty before
 * @param mountinfo the mount's live /proc/self/mountinfo line after the step; empty when none
 */
public record StepView(String call, StepStatus status, String answer, String mountinfo) {}
