/** Shows a saved session read-only (questions, replies, cells with their recorded outputs). */
package studio.codeact.gui.session;
