package org.autofsrestore.ui.model;

/**
 * Who owns a restored mount: this program ({@code --owner hold}) or automount ({@code handoff}).
 */
public enum OwnerMode {
  HOLD,
  HANDOFF
}
