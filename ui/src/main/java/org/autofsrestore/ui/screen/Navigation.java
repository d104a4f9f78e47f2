package org.autofsrestore.ui.screen;

/**
 * Which page shows, which mount is open on DETAILS and STEPPER, and where Esc goes back to from
 * them. A page change clears the message line.
 */
final class Navigation {
  private final MessageLine messages;
  private MountListView mountList;
  private DetailsView details;
  private StepperView stepper;
  private ScreenApp.Page page = ScreenApp.Page.MOUNTS;
  private ScreenApp.Page returnPage = ScreenApp.Page.MOUNTS;
  private String openMountId;
  private String detailsMountId;

  Navigation(MessageLine messages) {
    this.messages = messages;
  }

  /** The pages that show a mount (they are made with a context that needs this navigation). */
  void attach(MountListView mountList, DetailsView details, StepperView stepper) {
    this.mountList = mountList;
    this.details = details;
    this.stepper = stepper;
  }

  ScreenApp.Page page() {
    return page;
  }

  /** The mount DETAILS and STEPPER show, or null before one was opened. */
  String openMountId() {
    return openMountId;
  }

  boolean mountOpen() {
    return page == ScreenApp.Page.DETAILS || page == ScreenApp.Page.STEPPER;
  }

  /** Shows a page; DETAILS and STEPPER only once a mount was opened. */
  void show(ScreenApp.Page target) {
    boolean mountPage = target == ScreenApp.Page.DETAILS || target == ScreenApp.Page.STEPPER;
    if (mountPage && openMountId == null) {
      return;
    }
    if (target == ScreenApp.Page.DETAILS && !openMountId.equals(detailsMountId)) {
      details.open(openMountId);
      detailsMountId = openMountId;
    }
    if (target == ScreenApp.Page.STEPPER) {
      stepper.open(openMountId);
    }
    if (target != page) {
      messages.show("", Role.NORMAL);
    }
    page = target;
  }

  /** Opens a mount on DETAILS or STEPPER, selecting it in the list. */
  void openMount(String mountId, ScreenApp.Page target) {
    if (!mountOpen()) {
      returnPage = page;
    }
    openMountId = mountId;
    mountList.selectId(mountId);
    show(target);
  }

  /** Back from the open mount to the page it was opened from. */
  void back() {
    page = returnPage;
    messages.show("", Role.NORMAL);
  }
}
