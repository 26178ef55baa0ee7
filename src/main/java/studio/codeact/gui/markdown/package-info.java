/** Renders the assistant's Markdown replies (commonmark-java) into JavaFX nodes. FX thread only. */
package studio.codeact.gui.markdown;
