package studio.codeact.engine.remote;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineContractTest;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;
import studio.codeact.testing.JupyterServerFixture;
import studio.codeact.testing.LastingFolder;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared engine contract, run against kernels on a real Jupyter Server, once over each
 * WebSocket wire format; afterwards the server has no kernel left.
 */
class RemoteEngineContractTest {

    /** Starts a server and an engine on it; stops both and checks that no kernel is left. */
    abstract static class OnServer extends EngineContractTest {
        static JupyterServerFixture server;
        static RemoteEngine engine;

        static void startWith(KernelSocket.Offer offer) {
            server = JupyterServerFixture.start();
            Path work = LastingFolder.create("codeact-remote-contract-").resolve("work");
            EngineConfig config = EngineConfig.of(Path.of(PythonLocator.choose(null).toString())).withWorkingDirectory(work)
                    .withJupyterServer(JupyterServerConfig.of(server.url(), server.token()));
            engine = new RemoteEngine(config, offer);
            engine.start();
        }

        static void stop() {
            try {
                if (engine != null) {
                    engine.close();
                    assertThat(engine.api().kernels()).as("kernels left on the server after close()").isEmpty();
                }
            } finally {
                if (server != null) {
                    server.close();
                }
            }
        }

        @Override
        protected PythonEngine engine() {
            return engine;
        }
    }

    @Nested
    class OverV1BinaryFrames extends OnServer {
        @BeforeAll
        static void start() {
            startWith(KernelSocket.Offer.V1);
            assertThat(engine.info().details()).containsEntry("websocket_format", "v1");
        }

        @AfterAll
        static void close() {
            stop();
        }
    }

    @Nested
    class OverLegacyJson extends OnServer {
        @BeforeAll
        static void start() {
            startWith(KernelSocket.Offer.LEGACY);
            assertThat(engine.info().details()).containsEntry("websocket_format", "legacy JSON");
        }

        @AfterAll
        static void close() {
            stop();
        }
    }
}
