package org.autofsrestore.app.cli;

import picocli.CommandLine.Option;

/** {@code --json}, a picocli mixin of the commands that print a table otherwise (inspect, diff). */
final class JsonOrTableOption {
  @Option(names = "--json", description = "Print one JSON document instead of a table.")
  boolean json;
}
