package org.autofsrestore.ui.screen;

import java.util.List;
import java.util.function.Consumer;
import org.autofsrestore.ui.model.Finding;
import org.autofsrestore.ui.model.KernelRequest;
import org.autofsrestore.ui.model.LiveSnapshot;
import org.autofsrestore.ui.model.MountDetails;
import org.autofsrestore.ui.model.MountRow;
import org.autofsrestore.ui.model.Progress;
import org.autofsrestore.ui.model.RequestAnswer;
import org.autofsrestore.ui.model.SessionInfo;
import org.autofsrestore.ui.model.StepperSnapshot;

/** The {@link ViewContext} of the screen's pages, over the parts of the screen they may use. */
final class ScreenContext implements ViewContext {
  private final Glyphs glyphs;
  private final boolean ascii;
  private final SessionInfo session;
  private final ScreenData data;
  private final Navigation navigation;
  private final MessageLine messages;
  private final ControllerActions actions;
  private final Consumer<FilterPrompt> openPrompt;
  private final LiveReader liveReader;

  ScreenContext(
      Glyphs glyphs,
      boolean ascii,
      SessionInfo session,
      ScreenData data,
      Navigation navigation,
      MessageLine messages,
      ControllerActions actions,
      Consumer<FilterPrompt> openPrompt,
      LiveReader liveReader) {
    this.glyphs = glyphs;
    this.ascii = ascii;
    this.session = session;
    this.data = data;
    this.navigation = navigation;
    this.messages = messages;
    this.actions = actions;
    this.openPrompt = openPrompt;
    this.liveReader = liveReader;
  }

  @Override
  public boolean hasLiveHost() {
    return liveReader != null;
  }

  @Override
  public LiveSnapshot liveSnapshot() {
    return data.liveSnapshot();
  }

  @Override
  public int liveVersion() {
    return data.liveVersion();
  }

  @Override
  public boolean liveReading() {
    return liveReader != null && liveReader.reading();
  }

  @Override
  public void rereadLive() {
    if (liveReader == null) {
      messages.show("This session shows no live host.", Role.ATTENTION);
    } else {
      liveReader.request();
    }
  }

  @Override
  public Glyphs glyphs() {
    return glyphs;
  }

  @Override
  public boolean ascii() {
    return ascii;
  }

  @Override
  public SessionInfo session() {
    return session;
  }

  @Override
  public List<MountRow> mounts() {
    return data.rows;
  }

  @Override
  public List<Finding> findings() {
    return data.findings;
  }

  @Override
  public boolean live() {
    return data.live();
  }

  @Override
  public Progress progress(String mountId) {
    return data.progress(mountId);
  }

  @Override
  public StepperSnapshot stepper(String mountId) {
    return data.stepper(mountId);
  }

  @Override
  public List<KernelRequest> requests() {
    return data.requests();
  }

  @Override
  public long requestsDropped() {
    return data.requestsDropped();
  }

  @Override
  public List<String> logTail(int lines) {
    return data.logTail(lines);
  }

  @Override
  public MountDetails details(String mountId) {
    return data.model.details(mountId);
  }

  @Override
  public String mountpointOf(String mountId) {
    return data.mountpointOf(mountId);
  }

  @Override
  public String mountIdOf(String mountpoint) {
    return data.mountIdOf(mountpoint);
  }

  @Override
  public void showPage(ScreenApp.Page page) {
    navigation.show(page);
  }

  @Override
  public void openMount(String mountId, ScreenApp.Page page) {
    navigation.openMount(mountId, page);
  }

  @Override
  public void back() {
    navigation.back();
  }

  @Override
  public void message(String text, Role role) {
    messages.show(text, role);
  }

  @Override
  public void openFilterPrompt(String current, Consumer<String> target) {
    openPrompt.accept(new FilterPrompt(current, target));
  }

  @Override
  public void step(StepKind kind) {
    actions.step(kind, navigation.openMountId());
  }

  @Override
  public void answer(KernelRequest request, RequestAnswer answer) {
    actions.answer(request, answer);
  }
}
