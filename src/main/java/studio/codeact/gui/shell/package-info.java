/**
 * The main window: {@link studio.codeact.gui.shell.Studio} builds the view models and views and wires them;
 * {@link studio.codeact.gui.shell.MainWindow} lays them out (chat | cells | data panels, toolbar, status bar);
 * {@link studio.codeact.gui.shell.WindowActions} is what the menus and shortcuts ask of the window.
 */
package studio.codeact.gui.shell;
