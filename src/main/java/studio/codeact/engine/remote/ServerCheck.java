package studio.codeact.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import studio.codeact.engine.JupyterServerCheck;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.JupyterServerException;
import studio.codeact.engine.jupyter.JupyterMessage;
import studio.codeact.engine.jupyter.MessageFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks a Jupyter server as the doctor and the settings' "Test connection" do: its version
 * (and the token), its kernelspecs, and optionally a kernel started, asked for its
 * {@code kernel_info} over the WebSocket, and shut down. Blocking; any thread.
 */
public final class ServerCheck {

    private ServerCheck() {
    }

    /**
     * @throws JupyterServerException with a sentence to show when any step fails (a test kernel is shut down anyway)
     */
    public static JupyterServerCheck run(JupyterServerConfig config, boolean startKernel) {
        ServerApi api = new ServerApi(config);
        String version = api.version();
        ServerApi.KernelSpecs specs = api.kernelSpecs();
        java.util.List<String> names = specs.specs().stream().map(RemoteKernelSpec::name).toList();
        if (!startKernel) {
            return new JupyterServerCheck(version, specs.defaultName(), names, "", "", "", 0);
        }
        long started = System.nanoTime();
        KernelModel kernel = api.start(config.kernelName().orElse(""), "");
        try {
            MessageFactory messages = new MessageFactory("codeact-doctor");
            CompletableFuture<JsonNode> info = new CompletableFuture<>();
            JupyterMessage request = messages.kernelInfo();
            try (KernelSocket socket = KernelSocket.open(api, kernel.id(), messages.sessionId(), KernelSocket.Offer.V1, Runnable::run,
                    new KernelSocket.Listener() {
                        @Override
                        public void onMessage(String channel, JupyterMessage message, long wireBytes) {
                            if (message.parentMsgId().equals(request.msgId()) && message.msgType().equals("kernel_info_reply")) {
                                info.complete(message.content());
                            }
                        }

                        @Override
                        public void onLost(String reason, boolean kernelGone) {
                            info.completeExceptionally(new JupyterServerException(JupyterServerException.Problem.REFUSED, reason));
                        }
                    })) {
                JsonNode reply = awaitReply(socket, request, info, config);
                return new JupyterServerCheck(version, specs.defaultName(), names, kernel.name(), socket.formatName(),
                        reply.path("language_info").path("version").asText(""), (System.nanoTime() - started) / 1e6);
            }
        } finally {
            api.shutdown(kernel.id());
        }
    }

    /** Resends {@code kernel_info_request} every second (a kernel still booting drops the first) for up to 60 s. */
    private static JsonNode awaitReply(KernelSocket socket, JupyterMessage request, CompletableFuture<JsonNode> info, JupyterServerConfig config) {
        for (int attempt = 0; attempt < 60; attempt++) {
            socket.send("shell", request);
            try {
                return info.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException notYet) {
                // ask again
            } catch (ExecutionException e) {
                throw e.getCause() instanceof JupyterServerException server ? server
                        : new JupyterServerException(JupyterServerException.Problem.REFUSED, String.valueOf(e.getCause().getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JupyterServerException(JupyterServerException.Problem.UNREACHABLE, "interrupted while waiting for the test kernel");
            }
        }
        throw new JupyterServerException(JupyterServerException.Problem.REFUSED, "a kernel started on the Jupyter server at " + config.url()
                + " did not answer over its WebSocket within 60 s");
    }
}
