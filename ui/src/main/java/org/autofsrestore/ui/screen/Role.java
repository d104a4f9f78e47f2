package org.autofsrestore.ui.screen;

/** What a piece of text is; the {@link Theme} decides how it looks. */
enum Role {
  NORMAL,
  DIM,
  TITLE,
  COLUMN_HEADER,
  SELECTED,
  BANNER_DRY_RUN,
  BANNER_LIVE,
  BANNER_SANDBOX,
  TAB,
  TAB_ACTIVE,
  ERROR,
  WARNING,
  INFO,
  GOOD,
  ATTENTION,
  STATUS_PENDING,
  STATUS_PREVIEWED,
  STATUS_RUNNING,
  STATUS_OK,
  STATUS_FAILED,
  STATUS_UNDONE,
  CALL,
  KEY,
  DIALOG,
  DIALOG_TITLE,
  MESSAGE_ERROR,
  MESSAGE_OK
}
