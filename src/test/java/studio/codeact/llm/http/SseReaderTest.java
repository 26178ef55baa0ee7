package studio.codeact.llm.http;

import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseReaderTest {

    private static List<SseEvent> read(String stream) throws IOException {
        SseReader reader = new SseReader(new Buffer().writeUtf8(stream));
        List<SseEvent> events = new ArrayList<>();
        for (SseEvent event = reader.next(); event != null; event = reader.next()) {
            events.add(event);
        }
        return events;
    }

    @Test
    void readsDataAndEventFields() throws IOException {
        assertThat(read("event: ping\ndata: {\"a\":1}\n\ndata: two\n\n")).containsExactly(
                new SseEvent("ping", "{\"a\":1}"), new SseEvent("message", "two"));
    }

    @Test
    void joinsSeveralDataLinesWithNewlines() throws IOException {
        assertThat(read("data: first\ndata:second\ndata\n\n")).containsExactly(new SseEvent("message", "first\nsecond\n"));
    }

    @Test
    void acceptsCrLfAndLoneCrLineEnds() throws IOException {
        assertThat(read("data: a\r\n\r\ndata: b\r\rdata: c\n\n")).extracting(SseEvent::data).containsExactly("a", "b", "c");
    }

    @Test
    void skipsCommentsIdsRetriesAndUnknownFields() throws IOException {
        assertThat(read(": keep-alive\n\nid: 7\nretry: 1000\nfoo: bar\ndata: x\n\n:\n\n")).containsExactly(new SseEvent("message", "x"));
    }

    @Test
    void anEventTypeWithoutDataIsForgottenAtTheBlankLine() throws IOException {
        assertThat(read("event: lonely\n\ndata: x\n\n")).containsExactly(new SseEvent("message", "x"));
    }

    @Test
    void removesOnlyOneSpaceAfterTheColon() throws IOException {
        assertThat(read("data:  indented\n\n")).containsExactly(new SseEvent("message", " indented"));
    }

    @Test
    void aCompleteEventWithoutTheFinalBlankLineIsStillRead() throws IOException {
        assertThat(read("data: [DONE]\n")).containsExactly(new SseEvent("message", "[DONE]"));
    }

    @Test
    void aLineCutOffAtTheEndIsDropped() throws IOException {
        assertThat(read("data: whole\n\ndata: {\"cho")).containsExactly(new SseEvent("message", "whole"));
    }

    @Test
    void multiByteCharactersSurviveAnyBuffering() throws IOException {
        assertThat(read("data: Grüße 🙂 値\n\n")).extracting(SseEvent::data).containsExactly("Grüße 🙂 値");
    }

    @Test
    void remembersWhatANonEventStreamStartedWith() throws IOException {
        SseReader reader = new SseReader(new Buffer().writeUtf8("<html>\n<body>nope</body>\n"));

        assertThat(reader.next()).isNull();
        assertThat(reader.sawAnyLine()).isTrue();
        assertThat(reader.firstLine()).isEqualTo("<html>");
    }
}
