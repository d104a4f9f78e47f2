package org.autofsrestore.ui.screen;

import java.util.List;
import org.autofsrestore.ui.model.DumpModel;
import org.autofsrestore.ui.model.Finding;
import org.autofsrestore.ui.model.KernelRequest;
import org.autofsrestore.ui.model.LiveAvailability;
import org.autofsrestore.ui.model.MountDetails;
import org.autofsrestore.ui.model.MountRow;
import org.autofsrestore.ui.model.OwnerMode;
import org.autofsrestore.ui.model.Progress;
import org.autofsrestore.ui.model.RequestAnswer;
import org.autofsrestore.ui.model.RestoreController;
import org.autofsrestore.ui.model.SessionInfo;
import org.autofsrestore.ui.model.StepperSnapshot;
import org.autofsrestore.ui.model.UnfinishedRun;

/** A dump without mounts and a controller that does nothing: enough to build every page. */
final class NoMounts implements DumpModel, RestoreController {

  @Override
  public SessionInfo session() {
    return new SessionInfo("/dump", "/tmp/r", OwnerMode.HOLD, false, "/tmp/log");
  }

  @Override
  public List<MountRow> mounts() {
    return List.of();
  }

  @Override
  public MountDetails details(String mountId) {
    return null;
  }

  @Override
  public List<Finding> findings() {
    return List.of();
  }

  @Override
  public List<String> logTail(int maxLines) {
    return List.of();
  }

  @Override
  public boolean live() {
    return false;
  }

  @Override
  public LiveAvailability liveAvailability() {
    return LiveAvailability.no("a test");
  }

  @Override
  public void goLive() {}

  @Override
  public Progress progress(String mountId) {
    return Progress.NONE;
  }

  @Override
  public StepperSnapshot stepper(String mountId) {
    return null;
  }

  @Override
  public void nextStep(String mountId) {}

  @Override
  public void runStage(String mountId) {}

  @Override
  public void runAll(String mountId) {}

  @Override
  public void undo(String mountId) {}

  @Override
  public List<KernelRequest> requests() {
    return List.of();
  }

  @Override
  public void answer(long requestId, RequestAnswer answer) {}

  @Override
  public List<String> mountedNotHandedOver() {
    return List.of();
  }

  @Override
  public void parkAll() {}

  @Override
  public List<UnfinishedRun> unfinishedRuns() {
    return List.of();
  }

  @Override
  public List<String> resume(String journal) {
    throw new IllegalStateException("no unfinished run " + journal);
  }

  @Override
  public List<String> undoRun(String journal) {
    throw new IllegalStateException("no unfinished run " + journal);
  }

  @Override
  public void setChangeListener(Runnable listener) {}
}
