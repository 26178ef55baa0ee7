/** The chat column: questions, streamed Markdown replies, action cards linked to their cells, notices. */
package studio.codeact.gui.chat;
