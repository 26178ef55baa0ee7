/**
 * The right-hand panels: Datasets (dropped files, their shape and columns), Variables (asked of the
 * interpreter after every cell) and Files (what the code wrote into the working folder). Listing and
 * loading run on worker threads; the lists change on the FX thread.
 */
package studio.codeact.gui.data;
