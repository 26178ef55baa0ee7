/** Virtualised DataFrame tables that page rows from the interpreter (sorted in Python) as the user scrolls. */
package studio.codeact.gui.table;
