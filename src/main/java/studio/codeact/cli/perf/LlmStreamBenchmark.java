package studio.codeact.cli.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import okhttp3.OkHttpClient;
import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.ChatRequest;
import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.LlmException;
import studio.codeact.llm.Provider;
import studio.codeact.llm.ProviderConfig;
import studio.codeact.llm.StreamHandler;
import studio.codeact.llm.openai.OpenAiChatModel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Measures what the model client itself costs: a local HTTP server on loopback streams an
 * OpenAI-format reply of N tokens (each its own SSE chunk, as OpenAI sends them), the real
 * {@link OpenAiChatModel} reads it, and we time
 * <ul>
 *   <li>the client's overhead per token — socket reads, SSE parsing, JSON decoding and the call
 *       to the handler — as the CPU time the call's reader thread spends from the first token to
 *       the last, divided by the tokens (the server has written everything it can, so the reader
 *       never idles for lack of work it could do);</li>
 *   <li>the wall time per token over the same span, for context: on a busy machine it also holds
 *       the local server's writing and the scheduler's delays, so it is reported, not judged;</li>
 *   <li>the delay from the last byte received (taken at the socket) to the final response. The
 *       server pauses before the final chunks so they arrive on their own.</li>
 * </ul>
 * Warm-up runs come first; the figures are medians of the measured runs.
 */
public final class LlmStreamBenchmark {

    public static final double TARGET_MICROS_PER_TOKEN = 20;
    public static final double TARGET_LAST_BYTE_MILLIS = 5;
    private static final long PAUSE_BEFORE_END_MILLIS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WORDS = {" the", " mean", " of", " column", " price", " is", " 4.2", ",", " and", " its",
        " median", " df", "[\"", "total", "\"]", ".describe", "()", " —", " über", "\n"};

    /**
     * Medians over the measured runs.
     *
     * @param overheadMicrosPerToken   the reader thread's CPU time per token: read, parse, dispatch
     * @param wallMicrosPerToken       wall time per token, first token to last (includes machine load)
     * @param lastByteToResponseMillis from the last byte read off the socket to {@code onComplete}
     * @param loadAverage              the system load average over the last minute when it ended, or -1
     */
    public record Result(int tokens, int runs, long streamBytes, double overheadMicrosPerToken, double wallMicrosPerToken,
                         double lastByteToResponseMillis, double loadAverage) {

        public boolean withinTargets() {
            return overheadMicrosPerToken < TARGET_MICROS_PER_TOKEN && lastByteToResponseMillis < TARGET_LAST_BYTE_MILLIS;
        }

        /** One JSON object. */
        public String toJson() {
            ObjectNode out = JSON.createObjectNode();
            out.put("benchmark", "llm-stream").put("provider", "openai").put("tokens", tokens).put("runs", runs)
                    .put("streamBytes", streamBytes)
                    .put("overheadMicrosPerToken", round(overheadMicrosPerToken))
                    .put("wallMicrosPerToken", round(wallMicrosPerToken))
                    .put("lastByteToResponseMillis", round(lastByteToResponseMillis))
                    .put("cores", Runtime.getRuntime().availableProcessors())
                    .put("loadAverage", round(loadAverage));
            out.putObject("targets").put("overheadMicrosPerToken", TARGET_MICROS_PER_TOKEN)
                    .put("lastByteToResponseMillis", TARGET_LAST_BYTE_MILLIS);
            out.put("withinTargets", withinTargets());
            return out.toString();
        }

        private static double round(double value) {
            return Math.round(value * 1000) / 1000.0;
        }
    }

    private LlmStreamBenchmark() {
    }

    /** Runs {@code warmups} unmeasured and {@code runs} measured streams of {@code tokens} tokens. */
    public static Result run(int tokens, int warmups, int runs) throws IOException, InterruptedException {
        if (tokens < 2 || runs < 1 || warmups < 0) {
            throw new IllegalArgumentException("need at least 2 tokens and 1 run");
        }
        Stream stream = Stream.render(tokens);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService serverThread = Executors.newSingleThreadExecutor();
        server.setExecutor(serverThread);
        server.createContext("/v1/chat/completions", exchange -> serve(exchange, stream));
        server.start();
        try {
            TimedSocketFactory sockets = new TimedSocketFactory();
            OkHttpClient client = new OkHttpClient.Builder().socketFactory(sockets).build();
            ProviderConfig config = ProviderConfig.of(Provider.OPENAI)
                    .withBaseUrl("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/v1")
                    .withApiKey("sk-benchmark");
            OpenAiChatModel model = new OpenAiChatModel(config, client);
            for (int i = 0; i < warmups; i++) {
                once(model, sockets, tokens);
            }
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                samples.add(once(model, sockets, tokens));
            }
            client.connectionPool().evictAll();
            return new Result(tokens, runs, stream.length(),
                    median(samples.stream().mapToDouble(Sample::cpuMicrosPerToken).toArray()),
                    median(samples.stream().mapToDouble(Sample::wallMicrosPerToken).toArray()),
                    median(samples.stream().mapToDouble(Sample::lastByteMillis).toArray()),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            server.stop(0);
            serverThread.shutdownNow();
            serverThread.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private record Sample(double wallMicrosPerToken, double cpuMicrosPerToken, double lastByteMillis) { }

    private static Sample once(OpenAiChatModel model, TimedSocketFactory sockets, int tokens) throws InterruptedException {
        Timing timing = new Timing(tokens);
        ChatRequest request = ChatRequest.of("bench-model", List.of(ChatMessage.User.text("Stream a long answer.")));
        try {
            model.stream(request, timing).response().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the benchmark stream failed: " + e.getMessage(), e);
        }
        if (timing.count != tokens) {
            throw new IllegalStateException("expected " + tokens + " deltas, got " + timing.count);
        }
        double wall = (timing.lastTokenNanos - timing.firstTokenNanos) / 1_000.0 / (tokens - 1);
        double cpu = (timing.lastTokenCpu - timing.firstTokenCpu) / 1_000.0 / (tokens - 1);
        double lastByte = (timing.completeNanos - sockets.lastReadNanos()) / 1_000_000.0;
        return new Sample(wall, cpu, lastByte);
    }

    /** Records when tokens came, on the reader thread; does nothing else, so it measures the client. */
    private static final class Timing implements StreamHandler {
        final int expected;
        int count;
        long firstTokenNanos;
        long lastTokenNanos;
        long firstTokenCpu;
        long lastTokenCpu;
        volatile long completeNanos;

        Timing(int expected) {
            this.expected = expected;
        }

        @Override
        public void onTextDelta(String text) {
            long now = System.nanoTime();
            count++;
            if (count == 1) {
                firstTokenNanos = now;
                firstTokenCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            }
            if (count == expected) {
                lastTokenCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            }
            lastTokenNanos = now;
        }

        @Override
        public void onComplete(ChatResponse response) {
            completeNanos = System.nanoTime();
        }

        @Override
        public void onError(LlmException error) {
            // the future reports it
        }
    }

    private static void serve(HttpExchange exchange, Stream stream) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, stream.length());
            OutputStream out = exchange.getResponseBody();
            out.write(stream.tokens());
            out.flush();
            Thread.sleep(PAUSE_BEFORE_END_MILLIS);
            out.write(stream.end());
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The reply's bytes, rendered once: all token chunks, then the finish, usage and {@code [DONE]}. */
    private record Stream(byte[] tokens, byte[] end) {

        long length() {
            return tokens.length + end.length;
        }

        static Stream render(int count) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(count * 220);
            for (int i = 0; i < count; i++) {
                ObjectNode chunk = chunk();
                ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
                choice.putObject("delta").put("content", WORDS[i % WORDS.length]);
                choice.putNull("logprobs");
                choice.putNull("finish_reason");
                body.writeBytes(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
            }
            ObjectNode finish = chunk();
            ObjectNode choice = finish.putArray("choices").addObject().put("index", 0);
            choice.putObject("delta");
            choice.put("finish_reason", "stop");
            ObjectNode usage = chunk();
            usage.putArray("choices");
            usage.putObject("usage").put("prompt_tokens", 12).put("completion_tokens", count).put("total_tokens", count + 12);
            String end = "data: " + finish + "\n\ndata: " + usage + "\n\ndata: [DONE]\n\n";
            return new Stream(body.toByteArray(), end.getBytes(StandardCharsets.UTF_8));
        }

        private static ObjectNode chunk() {
            return JSON.createObjectNode().put("id", "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT").put("object", "chat.completion.chunk")
                    .put("created", 1_741_569_952).put("model", "gpt-4o-2024-08-06").put("service_tier", "default")
                    .put("system_fingerprint", "fp_eb9dce56a8");
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
