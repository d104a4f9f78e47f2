package org.autofsrestore.ui.screen;

import java.util.Map;

/**
 * Which page shows, which mount is open on the open mount's pages, and where Esc goes back to from
 * them. A page change clears the message line.
 */
final class Navigation {
  private final MessageLine messages;
  private Map<ScreenApp.Page, View> views = Map.of();
  private ScreenApp.Page page = ScreenApp.Page.MOUNTS;
  private ScreenApp.Page returnPage = ScreenApp.Page.MOUNTS;
  private String openMountId;

  Navigation(MessageLine messages) {
    this.messages = messages;
  }

  /** The pages (they are made with a context that needs this navigation). */
  void attach(Map<ScreenApp.Page, View> views) {
    this.views = views;
  }

  ScreenApp.Page page() {
    return page;
  }

  /** The mount the open mount's pages show, or null before one was opened. */
  String openMountId() {
    return openMountId;
  }

  boolean mountOpen() {
    return page.placement.showsMount();
  }

  /** Shows a page; a page of the open mount only once a mount was opened. */
  void show(ScreenApp.Page target) {
    if (target.placement.showsMount()) {
      if (openMountId == null) {
        return;
      }
      views.get(target).showMount(openMountId);
    }
    if (target != page) {
      messages.show("", Role.NORMAL);
    }
    page = target;
  }

  /** Opens a mount on one of its pages, every page hearing of it (the list selects it). */
  void openMount(String mountId, ScreenApp.Page target) {
    if (!mountOpen()) {
      returnPage = page;
    }
    openMountId = mountId;
    views.values().forEach(v -> v.mountOpened(mountId));
    show(target);
  }

  /** Back from the open mount to the page it was opened from. */
  void back() {
    page = returnPage;
    messages.show("", Role.NORMAL);
  }
}
