/** The HTML report export of a session (questions, replies, code, outputs, figures inline). */
package studio.codeact.gui.report;
