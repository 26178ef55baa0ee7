/**
 * The kernel engine: a local {@code ipykernel} process spoken to over ZeroMQ, built on the
 * protocol core of {@code engine.jupyter}. This package holds what is ZeroMQ's or the process's:
 * launching and stopping kernels ({@link studio.codeact.engine.kernel.KernelManager},
 * {@link studio.codeact.engine.kernel.LaunchCommand}, kernelspecs), connection files
 * ({@link studio.codeact.engine.kernel.ConnectionInfo}), HMAC-signed wire frames
 * ({@link studio.codeact.engine.kernel.JupyterSession}), the sockets and heartbeat
 * ({@link studio.codeact.engine.kernel.KernelClient}, {@code SocketLoop}, {@code Heartbeat}).
 *
 * <p>Threads: one IO thread per running kernel ({@code codeact-kernel-io-N}) owns its sockets,
 * verifies and parses what arrives and hands it to the core, which queues it onto the engine's
 * event thread ({@code codeact-kernel-events}); the process's exit is seen on a JDK
 * process-reaper thread and reported after the IO thread has taken in what came before it.
 */
package studio.codeact.engine.kernel;
