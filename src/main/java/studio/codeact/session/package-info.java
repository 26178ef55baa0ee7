/**
 * Sessions: immutable records ({@link studio.codeact.session.Session},
 * {@link studio.codeact.session.Entry}, {@link studio.codeact.session.Cell}) and the session
 * folder.
 *
 * <pre>
 * SESSION/
 *   session.json      the record, rewritten atomically as events happen (SessionStore, SessionWriter)
 *   figures/NNN.png   every PNG figure, numbered over the session
 *   work/             the folder the code ran in (codeact ask)
 *   notebook.ipynb    export: nbformat 4.5 (NotebookExport)
 *   analysis.py       export: the code as a script (ScriptExport)
 *   trajectory.jsonl  export: CodeActInstruct-style conversation with a self-repair flag (TrajectoryExport)
 * </pre>
 *
 * Nothing here knows about the agent, the CLI or the GUI; outputs are the engine's
 * {@link studio.codeact.engine.Output} records.
 */
package studio.codeact.session;
