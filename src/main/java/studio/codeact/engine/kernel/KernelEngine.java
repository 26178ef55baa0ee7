package studio.codeact.engine.kernel;

import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.jupyter.JupyterEngine;
import studio.codeact.engine.jupyter.KernelEvents;
import studio.codeact.engine.jupyter.KernelLauncher;
import studio.codeact.engine.jupyter.LaunchedKernel;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@link PythonEngine} backed by a local {@code ipykernel} process spoken to over ZeroMQ
 * (JeroMQ): the protocol core ({@link JupyterEngine}) over {@link KernelClient} sockets, with
 * kernels launched by {@link KernelManager}.
 *
 * <p>Threads: those of {@link JupyterEngine} ({@code codeact-kernel-events},
 * {@code codeact-kernel-timer}), plus one IO thread per running kernel
 * ({@code codeact-kernel-io-N}, see {@link SocketLoop}) that owns its sockets and runs no
 * application code.
 *
 * <p>Files: connection files and kernel logs live where {@link KernelFiles} says;
 * {@link #info()} names both for the running kernel.
 */
public final class KernelEngine extends JupyterEngine {

    /** An engine for {@code config}; a {@code config.kernelSpec()} is looked up on the standard Jupyter path. */
    public KernelEngine(EngineConfig config) {
        this(config, KernelSpecs.standard());
    }

    /** An engine whose kernelspec, if {@code config} names one, is looked up in {@code specs}. */
    public KernelEngine(EngineConfig config, KernelSpecs specs) {
        super(EngineKind.KERNEL, config, new Launcher(config, find(config, specs)));
    }

    private static Optional<KernelSpec> find(EngineConfig config, KernelSpecs specs) {
        return config.kernelSpec().map(name -> specs.find(name).orElseThrow(() -> new EngineException(
                "there is no kernelspec named '" + name + "' in " + specs.kernelDirs() + "; list them with: jupyter kernelspec list")));
    }

    /** The connection file of the running kernel (other Jupyter clients can attach with it). */
    public Optional<Path> connectionFile() {
        return runningKernel().map(kernel -> ((ZeroMqKernel) kernel).connectionFile());
    }

    /** Launches local kernel processes, from a kernelspec when the config names one. */
    private record Launcher(EngineConfig config, Optional<KernelSpec> spec) implements KernelLauncher {

        @Override
        public LaunchedKernel launch(KernelEvents events) {
            return ZeroMqKernel.launch(config, spec, events);
        }

        @Override
        public String python() {
            return spec.map(s -> s.argv().getFirst()).orElse(config.python().toString());
        }
    }
}
