/**
 * The full-screen terminal UI (Lanterna, Screen layer), over view-model interfaces of its own
 * ({@link org.autofsrestore.ui.model}); no CRIU or JNA type appears here.
 *
 * <p>How the application starts it:
 *
 * <pre>{@code
 * Optional<String> unusable = Terminals.unusableReason();
 * if (unusable.isPresent()) { System.err.println(unusable.get()); return 2; }
 * UiOptions options = UiOptions.fromFlags(ascii, noColor);        // also NO_COLOR, locale
 * try (Terminal terminal = Terminals.openUnixTerminal()) {
 *   return TerminalUi.run(terminal, dumpModel, restoreController, options);
 * }
 * }</pre>
 *
 * <p>Screenshots: {@link org.autofsrestore.ui.render.Screenshots#capture} drives the real screens
 * on a virtual terminal and {@link org.autofsrestore.ui.render.ScreenshotRenderer#render} turns the
 * grid into a PNG.
 */
package org.autofsrestore.ui;
