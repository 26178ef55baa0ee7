package studio.codeact.engine;

import studio.codeact.engine.embedded.EmbeddedEngine;
import studio.codeact.engine.kernel.KernelEngine;
import studio.codeact.engine.remote.RemoteEngine;
import studio.codeact.engine.remote.ServerCheck;
import studio.codeact.engine.sandbox.RedactingEngine;

/**
 * The one place that chooses an engine implementation; everything else uses {@link PythonEngine}.
 */
public final class Engines {

    private Engines() {
    }

    /** A new, not yet started engine of the given kind; key values in its outputs are redacted (see {@link RedactingEngine}). */
    public static PythonEngine create(EngineKind kind, EngineConfig config) {
        PythonEngine engine = switch (kind) {
            case EMBEDDED -> new EmbeddedEngine(config);
            case KERNEL -> new KernelEngine(config);
            case REMOTE -> new RemoteEngine(config);
        };
        return RedactingEngine.wrap(engine, config.sandbox());
    }

    /**
     * Checks a Jupyter server for the remote engine: version and token, kernelspecs, and with
     * {@code startKernel} a kernel started, answered over its WebSocket and shut down. Blocks.
     *
     * @throws JupyterServerException with a sentence to show when a step fails
     */
    public static JupyterServerCheck checkJupyterServer(JupyterServerConfig server, boolean startKernel) {
        return ServerCheck.run(server, startKernel);
    }
}
