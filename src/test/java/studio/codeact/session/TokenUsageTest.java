package studio.codeact.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Token usage in the session record: per reply, summed per question and per session, and absent from older files. */
class TokenUsageTest {

    private static final Instant T0 = SessionSamples.T0;

    @TempDir
    Path folder;

    private static Entry.Reply reply(int seconds, int turn, TokenUsage usage) {
        return new Entry.Reply(T0.plusSeconds(seconds), turn, "text " + seconds, "text " + seconds, usage);
    }

    /** Two runs of the same session (a question answered, the app closed, the session reopened and asked again). */
    private static Session twoRuns() {
        return Session.start("s-usage", T0, SessionSamples.info())
                .withEntry(new Entry.Question(T0.plusSeconds(1), "first"))
                .withEntry(reply(2, 1, TokenUsage.ofCall(1_000, 50, 0, 0)))
                .withEntry(reply(3, 2, TokenUsage.ofCall(1_400, 20, 1_000, 0)))
                .withEntry(new Entry.Answer(T0.plusSeconds(4), "one"))
                .withStatus(SessionStatus.ANSWERED, "", T0.plusSeconds(4))
                .withEntry(new Entry.Notice(T0.plusSeconds(60), "session reopened"))
                .withEntry(new Entry.Question(T0.plusSeconds(61), "second"))
                .withEntry(reply(62, 1, TokenUsage.ofCall(1_600, 30, 1_400, 100)))
                .withEntry(reply(63, 2, TokenUsage.ofCall(-1, -1, -1, -1)))
                .withEntry(new Entry.Answer(T0.plusSeconds(64), "two"));
    }

    @Test
    void usageIsSummedPerQuestionAndPerSessionOverSeveralRuns() {
        Session session = twoRuns();

        assertThat(session.usageByQuestion()).containsExactly(
                new TokenUsage(2, 2_400, 70, 1_000, 0, 0),
                new TokenUsage(2, 1_600, 30, 1_400, 100, 1));
        assertThat(session.usage()).isEqualTo(new TokenUsage(4, 4_000, 100, 2_400, 100, 1));
        assertThat(session.usage().uncachedInput()).isEqualTo(1_500);
    }

    @Test
    void replyUsageRoundTripsThroughSessionJson() {
        SessionStore store = SessionStore.create(folder, twoRuns());
        store.flush();
        store.close();

        Session read = SessionStore.read(folder);

        assertThat(read.entries()).filteredOn(Entry.Reply.class::isInstance).extracting(e -> ((Entry.Reply) e).usage())
                .containsExactly(TokenUsage.ofCall(1_000, 50, 0, 0), TokenUsage.ofCall(1_400, 20, 1_000, 0),
                        TokenUsage.ofCall(1_600, 30, 1_400, 100), TokenUsage.ofCall(-1, -1, -1, -1));
        assertThat(read.usage()).isEqualTo(twoRuns().usage());
    }

    @Test
    void aSessionWrittenBeforeUsageWasRecordedStillLoads() throws Exception {
        String old = """
                {"format":"codeact-session","version":1,"id":"old","created":"2026-11-01T10:00:00Z","updated":"2026-11-01T10:01:00Z",
                 "status":"answered","failure":"","self_repair":false,
                 "info":{"provider":"openai","model":"gpt-4o-mini","engine":"embedded","python_version":"3.11.2","action_mode":"tags",
                         "working_folder":"/tmp","max_turns":10,"system_prompt":"You analyse data.","datasets":[]},
                 "entries":[{"type":"question","text":"Hi?","at":"2026-11-01T10:00:01Z"},
                            {"type":"reply","turn":1,"text":"Hello.","prose":"Hello.","at":"2026-11-01T10:00:02Z"},
                            {"type":"answer","text":"Hello.","at":"2026-11-01T10:00:03Z"}]}
                """;
        Files.writeString(folder.resolve(SessionStore.SESSION_FILE), old, StandardCharsets.UTF_8);

        Session read = SessionStore.read(folder);

        assertThat(read.answer()).contains("Hello.");
        assertThat(((Entry.Reply) read.entries().get(1)).usage()).isEqualTo(TokenUsage.NONE);
        assertThat(read.usage().isEmpty()).isTrue();
        assertThat(read.usageByQuestion()).containsExactly(TokenUsage.NONE);
    }

    @Test
    void aSessionWithoutQuestionsHasNoPerQuestionSums() {
        assertThat(Session.start("empty", T0, SessionSamples.info()).usageByQuestion()).isEqualTo(List.of());
    }
}
