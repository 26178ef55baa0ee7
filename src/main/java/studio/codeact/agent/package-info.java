/**
 * The CodeAct loop: a language model answers a question by writing Python code actions that run
 * in a {@link studio.codeact.engine.PythonEngine}; what they produce comes back as the next
 * observation, until the model answers.
 *
 * <ul>
 *   <li>{@link studio.codeact.agent.CodeActAgent} runs the loop and reports a sealed
 *       {@link studio.codeact.agent.AgentEvent} stream; the CLI and the GUI only consume it. Every
 *       event is delivered on the thread that called {@code ask} (see
 *       {@link studio.codeact.agent.AgentListener}).</li>
 *   <li>Actions: {@code <execute>} tags or {@code ```python} blocks
 *       ({@link studio.codeact.agent.ActionParser}), or native tool calls of
 *       {@code execute_python(code)}; {@link studio.codeact.agent.ActionMode}.</li>
 *   <li>Observations: {@link studio.codeact.agent.ObservationFormatter} (the observation
 *       contract of docs/architecture.md), {@link studio.codeact.agent.TracebackFilter}, head-and-tail truncation.</li>
 *   <li>Long sessions: the context budget shortens old observations first, then old prose,
 *       then leaves out the oldest turns; {@link studio.codeact.agent.StuckDetector} stops a model
 *       that repeats itself.</li>
 *   <li>Data: {@link studio.codeact.agent.DatasetLoader} with its Python side in
 *       {@code datasets.py}; the system prompt is the versioned template
 *       {@code system_prompt_v1.md} ({@link studio.codeact.agent.SystemPrompt}).</li>
 *   <li>{@link studio.codeact.agent.SessionReplay} re-runs a recorded session and compares.</li>
 * </ul>
 */
package studio.codeact.agent;
