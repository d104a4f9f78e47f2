package org.autofsrestore.ui.screen;

/** The line above the hints: the last message, or the filter prompt while one is open. */
final class MessageLine {
  private String text = "";
  private Role role = Role.NORMAL;

  void show(String message, Role messageRole) {
    text = message == null ? "" : message;
    role = messageRole;
  }

  String text() {
    return text;
  }

  Role role() {
    return role;
  }
}
