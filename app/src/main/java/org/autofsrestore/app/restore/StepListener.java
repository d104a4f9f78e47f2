package org.autofsrestore.app.restore;

/**
 * Told of a restore run's step boundaries: before its first step, and after each step's result has
 * been reported. The product installs none ({@link #NONE}); the kill sweep's main class in the test
 * sources installs one that sends its own process SIGKILL at a chosen boundary, since nothing
 * outside the process can see an exact boundary (a run's journal events reach the disk a batch at a
 * time).
 */
@FunctionalInterface
public interface StepListener {
  StepListener NONE = () -> {};

  void boundary();
}
