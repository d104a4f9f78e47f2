package org.autofsrestore.ui.model;

import java.util.List;

/** One restore stage ({@code mount}, {@code timeout} or {@code owner}) and its steps, in order. */
public record StageView(String name, List<StepView> steps) {}
