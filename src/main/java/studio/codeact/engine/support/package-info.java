/**
 * Small helpers every engine uses the same way: durations in notes ({@link
 * studio.codeact.engine.support.Durations}) and guarded listener dispatch ({@link
 * studio.codeact.engine.support.Listeners}). No engine logic and no threads of its own: each
 * helper runs on its caller's thread.
 */
package studio.codeact.engine.support;
