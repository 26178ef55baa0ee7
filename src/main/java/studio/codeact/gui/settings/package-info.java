/**
 * Settings → Model, Python engine, limits, privacy and appearance: a form record, its view model (with the
 * server's model list and the doctor's check of the chosen interpreter), the dialog, and storage in the
 * shared settings file (mode 0600; keys masked on screen).
 */
package studio.codeact.gui.settings;
