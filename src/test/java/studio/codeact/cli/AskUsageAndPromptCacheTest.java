package studio.codeact.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.codeact.session.Entry;
import studio.codeact.session.Session;
import studio.codeact.session.SessionStore;
import studio.codeact.session.TokenUsage;
import studio.codeact.testing.CliRun;
import studio.codeact.testing.LastingFolder;
import studio.codeact.testing.OpenAiWireServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a question costs, on the OpenAI wire: {@code ask} against a scripted server that reports
 * usage like one with automatic prompt caching, the real client, the embedded engine. Each reply's
 * usage lands in {@code session.json}, one usage line ends the run on stderr, and every request
 * starts with the previous one byte for byte — until the context budget shortens old turns, which
 * it then does once rather than a little on every turn.
 */
class AskUsageAndPromptCacheTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir = LastingFolder.create("codeact-ask-usage-test-");
    private OpenAiWireServer server;

    record Run(int exit, String out, String err, Path session) { }

    @BeforeEach
    void startServer() {
        server = new OpenAiWireServer().cachingPrompts();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Run ask(String name, String... extra) {
        Path session = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("ask", "--engine", "embedded", "--provider", "openai", "--base-url", server.baseUrl(),
                "--model", "scripted", "--settings", dir.resolve("settings.json").toString(), "--out", session.toString(),
                "--action-mode", "tags"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.execute(args);
        return new Run(run.exit(), run.out(), run.err(), session);
    }

    private void scriptSteps(int steps, int lines) {
        for (int i = 1; i <= steps; i++) {
            server.thenText("Step " + i + ".\n<execute>\nprint('\\n'.join(f'step " + i + " row {r:03d} ' + 'x' * 20 for r in range(" + lines + ")))\n</execute>");
        }
        server.thenText("<solution>done</solution>");
    }

    @Test
    void everyReplysUsageIsRecordedAndTheRunEndsWithOneUsageLine() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"prices\": {\"scripted\": {\"input\": 1.0, \"cached_input\": 0.5, \"output\": 4.0}}}");
        scriptSteps(2, 5);

        Run run = ask("usage", "Run the steps.");

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> usageLines = run.err().lines().filter(l -> l.startsWith("codeact: usage: ")).toList();
        assertThat(usageLines).hasSize(1);
        assertThat(usageLines.getFirst()).contains("tokens in (").contains("cached").contains(" out").contains("over 3 model calls")
                .contains("\u2248 $");
        Session session = SessionStore.read(run.session());
        List<Entry.Reply> replies = session.entries().stream().filter(Entry.Reply.class::isInstance).map(Entry.Reply.class::cast).toList();
        assertThat(replies).hasSize(3).allSatisfy(reply -> assertThat(reply.usage().input()).isPositive());
        assertThat(replies.getFirst().usage().cachedInput()).as("nothing to reuse on the first request").isZero();
        assertThat(replies.get(1).usage().cachedInput()).as("the second request repeats the first").isPositive();
        TokenUsage total = session.usage();
        assertThat(total.calls()).isEqualTo(3);
        assertThat(total.input()).isEqualTo(replies.stream().mapToLong(r -> r.usage().input()).sum());
        assertThat(total.output()).isEqualTo(15);
        assertThat(session.usageByQuestion()).containsExactly(total);
        JsonNode file = JSON.readTree(run.session().resolve(SessionStore.SESSION_FILE).toFile());
        assertThat(file.path("usage").path("calls").asInt()).isEqualTo(3);
        assertThat(file.path("usage").path("cached_input_tokens").asLong()).isEqualTo(total.cachedInput());
        assertThat(file.path("usage_by_question")).hasSize(1);
        assertThat(file.path("usage_by_question").path(0).path("input_tokens").asLong()).isEqualTo(total.input());
    }

    @Test
    void eachRequestStartsWithThePreviousOneByteForByte() {
        scriptSteps(5, 20);

        Run run = ask("stable", "Run the steps.");

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> bodies = server.rawRequests();
        assertThat(bodies).hasSize(6);
        for (int n = 1; n < bodies.size(); n++) {
            assertThat(bodies.get(n)).as("request %d starts with request %d's messages", n + 1, n).startsWith(messagesPrefix(bodies.get(n - 1)));
        }
    }

    @Test
    void whenTheBudgetShortensOldTurnsItDoesSoOnceNotEveryTurn() {
        scriptSteps(16, 40);

        Run run = ask("budget", "--context-budget", "12000", "--observation-budget", "1600", "--max-turns", "17", "Run the steps.");

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> bodies = server.rawRequests();
        assertThat(bodies).hasSize(17);
        String system = messagesPrefix(bodies.getFirst());
        system = system.substring(0, system.indexOf("{\"role\":\"user\""));
        int breaks = 0;
        for (int n = 1; n < bodies.size(); n++) {
            assertThat(bodies.get(n)).as("the system prompt never changes").startsWith(system);
            if (!bodies.get(n).startsWith(messagesPrefix(bodies.get(n - 1)))) {
                breaks++;
            }
        }
        String last = OpenAiWireServer.lastObservation(server.requests().getLast());
        assertThat(server.requests().getLast().toString()).as("old turns were shortened").contains("[cell ");
        // The budget is reached around the sixth request; shortening a little on every turn after that would break ten times.
        assertThat(breaks).as("old turns are shortened now and then, not on every turn (last observation: %s)", last).isBetween(1, 5);
    }

    /** The body up to the end of its last message: what a request that extends it must start with. */
    static String messagesPrefix(String body) {
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            int depth = 0;
            boolean inMessages = false;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && depth == 1 && parser.currentName().equals("messages")) {
                    inMessages = true;
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                    if (inMessages && depth == 1) {
                        return body.substring(0, (int) parser.currentTokenLocation().getCharOffset());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no messages array in " + body);
    }
}
