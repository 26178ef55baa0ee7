/**
 * The notebook-like cell history: cell editors (RichTextFX, Python colouring, completions), their outputs
 * (stream text, figures, tables, errors) and the notebook view model that runs cells through the engine.
 */
package studio.codeact.gui.cells;
