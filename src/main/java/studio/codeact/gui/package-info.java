/**
 * The JavaFX desktop app: its entry points ({@link studio.codeact.gui.Desktop}, {@link studio.codeact.gui.StudioApp}),
 * the engine's view model, theme, window state, and the one adapter to the FX thread
 * ({@link studio.codeact.gui.UiExecutor}). The only package that imports JavaFX; nothing imports it.
 * Core layers run on worker threads ({@link studio.codeact.gui.Workers}) and report through events
 * that view models apply on the FX thread. Sub-packages hold one feature each, as View / ViewModel pairs:
 * a view model exposes read-only properties and command methods and never touches controls.
 * See {@code docs/architecture.md}.
 */
package studio.codeact.gui;
