package org.autofsrestore.ui.screen;

/** The step actions on the open mount, and the command and key that start each. */
enum StepKind {
  NEXT(Command.NEXT, 'n'),
  STAGE(Command.STAGE, 's'),
  ALL(Command.ALL, 'a'),
  UNDO(Command.UNDO, 'u');

  final Command command;
  final Key key;

  StepKind(Command command, char key) {
    this.command = command;
    this.key = Key.typed(key);
  }
}
