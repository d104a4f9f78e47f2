package org.autofsrestore.ui.model;

import java.util.List;

/**
 * The restore plan of one mount and how far it got: the target path ({@code --root} + mountpoint),
 * the stages in order, and a note (empty, or a sentence such as "no plan: autofs-45.img is missing"
 * or "catatonic in the dump: restored parked").
 */
public record StepperSnapshot(String mountId, String target, List<StageView> stages, String note) {}
