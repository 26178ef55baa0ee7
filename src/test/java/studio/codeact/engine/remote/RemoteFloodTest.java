package studio.codeact.engine.remote;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.PythonLocator;
import studio.codeact.testing.JupyterServerFixture;
import studio.codeact.testing.LastingFolder;
import studio.codeact.testing.StalledFlood;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The remote engine's back-pressure: while output is not handled, OkHttp's reader waits
 * ({@code ServerKernel.Link#paceReading}), so a flood waits in TCP and on the server, not in the
 * app. The server runs without its IOPub data rate limit, which would otherwise drop most of a
 * flood before it left the server.
 */
class RemoteFloodTest {

    /** Megabytes a cell prints while its listener stalls: more than the server sends in the stall's window. */
    private static final int FLOOD_MB = 128;
    private static JupyterServerFixture server;

    @BeforeAll
    static void startServer() {
        server = JupyterServerFixture.start("--ServerApp.iopub_data_rate_limit=0");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static EngineConfig config(String session) {
        return EngineConfig.of(PythonLocator.choose(null))
                .withWorkingDirectory(LastingFolder.create("codeact-remote-flood-").resolve(session).resolve("work"))
                .withJupyterServer(JupyterServerConfig.of(server.url(), server.token()));
    }

    @Test
    void aStalledListenerHoldsTheServerBackNotTheAppsMemory() throws Exception {
        try (RemoteEngine engine = new RemoteEngine(config("stalled"))) {
            engine.start();
            assertThat(StalledFlood.heldWhileStalled(engine, FLOOD_MB)).as("what the app held while its listener stalled").isLessThan(12L << 20);
        }
    }

    @Test
    void aListenerStuckPastThePingIntervalLosesNeitherTheLinkNorTheOutput() throws Exception {
        // the pong of a ping sent meanwhile waits behind what the server queued: paced all along, the link would be dropped
        try (RemoteEngine engine = new RemoteEngine(config("stuck"))) {
            engine.start();
            StalledFlood.heldWhileStalled(engine, FLOOD_MB, ServerHttp.PING_INTERVAL.multipliedBy(3).dividedBy(2));
        }
    }
}
