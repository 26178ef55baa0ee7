/**
 * The Jupyter messaging protocol (v5.3) as a {@link studio.codeact.engine.PythonEngine},
 * independent of how messages travel: {@link studio.codeact.engine.jupyter.JupyterEngine}
 * holds the cell queue, routes iopub/shell/stdin messages by {@code parent_header.msg_id},
 * ends a cell at its {@code execute_reply} plus iopub {@code status: idle}, answers
 * {@code input_request}s, sends completion and inspection requests, evaluates the engine's
 * helper calls (variables, table pages) as {@code user_expressions}, turns iopub content into
 * {@link studio.codeact.engine.Output}s, and escalates a timed-out cell from interrupt to
 * restart.
 *
 * <p>An engine built on it supplies a {@link studio.codeact.engine.jupyter.KernelLauncher} that
 * starts kernels and returns a {@link studio.codeact.engine.jupyter.LaunchedKernel} (interrupt,
 * stop, kill, liveness) with a {@link studio.codeact.engine.jupyter.KernelTransport} (send,
 * close); the kernel reports back through {@link studio.codeact.engine.jupyter.KernelEvents}.
 * {@code engine.kernel} does this with ZeroMQ and a local process; signing and wire frames
 * belong to the transport, never to this package (ArchUnit keeps ZeroMQ out of it).
 *
 * <p>Threads: the transport's reader thread calls {@code KernelEvents}, which only queues the
 * call; everything else happens on the engine's event thread {@code codeact-<kind>-events}
 * (routing, listeners, stdin handler, futures), timers on {@code codeact-<kind>-timer}, and
 * blocking chores (stopping or killing a kernel, restarting after a timeout) on short-lived
 * threads of their own. {@code start()}, {@code restart()} and {@code close()} block their caller.
 */
package studio.codeact.engine.jupyter;
