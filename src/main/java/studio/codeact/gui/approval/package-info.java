/** "Ask before running code": the dialog in which an action is run, edited or rejected, and its view model. */
package studio.codeact.gui.approval;
