/** Scripted demos over the bundled samples, played in the window with their code really run (no model needed). */
package studio.codeact.gui.demo;
