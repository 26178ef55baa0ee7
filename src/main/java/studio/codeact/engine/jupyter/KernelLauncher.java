package studio.codeact.engine.jupyter;

import studio.codeact.engine.EngineException;

/**
 * Starts kernels for a {@link JupyterEngine}: a local {@code ipykernel} process over ZeroMQ, or
 * a kernel on a Jupyter Server. The engine calls it on {@code start()} and every restart, from
 * the thread that called those (never its event thread), and may block there.
 */
public interface KernelLauncher {

    /**
     * Starts a kernel and opens a transport to it. It may return before the kernel answers: the
     * engine then sends {@code kernel_info_request}s until a reply and an iopub message come
     * back (or {@code events.onExit()} is called, or the start times out).
     *
     * @param events where the kernel's messages and its end are reported (see {@link KernelEvents})
     * @throws EngineException when the kernel cannot be started; nothing is left running
     */
    LaunchedKernel launch(KernelEvents events);

    /** The Python as {@code EngineInfo.python()} reports it: a path, or a kernel name and where it runs. */
    String python();
}
