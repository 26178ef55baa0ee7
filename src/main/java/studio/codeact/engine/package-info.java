/**
 * The engine contract: {@link studio.codeact.engine.PythonEngine} runs Python cells and reports
 * {@link studio.codeact.engine.Output}s, {@link studio.codeact.engine.ExecutionResult}s and
 * {@link studio.codeact.engine.EngineEvent}s; records describe requests, results, variables and
 * table pages. {@link studio.codeact.engine.Engines} is the one place that picks an
 * implementation: {@code engine.embedded} (CPython in this process) or {@code engine.kernel}
 * (an ipykernel over ZeroMQ, built on the transport-neutral protocol core {@code engine.jupyter}).
 *
 * <p>Threads: every engine calls {@link studio.codeact.engine.OutputListener}s,
 * {@link studio.codeact.engine.EngineListener}s and the {@link studio.codeact.engine.StdinHandler}
 * on an event thread of its own, one call at a time; a listener that throws is logged and the
 * others are still told ({@code engine.support.Listeners}).
 */
package studio.codeact.engine;
