package studio.codeact.llm.scripted;

import org.junit.jupiter.api.Test;
import studio.codeact.llm.ChatCall;
import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.ChatRequest;
import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.FinishReason;
import studio.codeact.llm.LlmException;
import studio.codeact.llm.RecordingHandler;
import studio.codeact.llm.ToolCall;
import studio.codeact.llm.Usage;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptedChatModelTest {

    private static ChatRequest ask(String question) {
        return ChatRequest.of("demo", List.of(ChatMessage.User.text(question)));
    }

    @Test
    void repliesInOrderAndRecordsEachRequest() {
        ScriptedChatModel model = ScriptedChatModel.replying("first", "second");

        assertThat(model.chat(ask("one")).text()).isEqualTo("first");
        assertThat(model.chat(ask("two")).text()).isEqualTo("second");
        assertThat(model.requests()).extracting(r -> ((ChatMessage.User) r.messages().getFirst()).text()).containsExactly("one", "two");
        assertThat(model.lastRequest().model()).isEqualTo("demo");
        assertThat(model.remainingReplies()).isZero();
    }

    @Test
    void streamsAReplyAsSeveralDeltasOnItsOwnThread() {
        ScriptedChatModel model = ScriptedChatModel.replying("Let me look at the data first.");
        RecordingHandler handler = new RecordingHandler();

        model.stream(ask("Hi"), handler);
        ChatResponse response = handler.awaitResponse();

        assertThat(handler.textDeltas).hasSizeGreaterThan(3);
        assertThat(handler.text()).isEqualTo("Let me look at the data first.");
        assertThat(response.text()).isEqualTo("Let me look at the data first.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.usage()).isEqualTo(Usage.UNKNOWN);
        assertThat(handler.threads).doesNotContain(Thread.currentThread().getName());
    }

    @Test
    void onCallerThreadPlaysTheWholeCallInsideStream() {
        ScriptedChatModel model = ScriptedChatModel.replying("done").onCallerThread();
        RecordingHandler handler = new RecordingHandler();

        ChatCall call = model.stream(ask("Hi"), handler);

        assertThat(call.response()).isCompleted();
        assertThat(handler.threads).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void replaysToolCallsUsageAndFinishReason() {
        ToolCall call = new ToolCall("call_1", "execute_python", "{\"code\": \"df.describe()\"}");
        ScriptedChatModel model = new ScriptedChatModel()
                .then(ScriptedReply.toolCalls("Running it.", call).withUsage(new Usage(120, 30)))
                .then(ScriptedReply.text("truncat").withFinishReason(FinishReason.LENGTH))
                .onCallerThread();
        RecordingHandler handler = new RecordingHandler();

        model.stream(ask("Describe"), handler);
        ChatResponse first = handler.awaitResponse();
        ChatResponse second = model.chat(ask("More"));

        assertThat(first.toolCalls()).containsExactly(call);
        assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(first.usage()).isEqualTo(new Usage(120, 30));
        assertThat(handler.toolDeltas).extracting(RecordingHandler.ToolDelta::argumentsDelta)
                .hasSizeGreaterThan(1).containsSequence("{\"code\": ");
        assertThat(String.join("", handler.toolDeltas.stream().map(RecordingHandler.ToolDelta::argumentsDelta).toList()))
                .isEqualTo(call.argumentsJson());
        assertThat(second.finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void stopSequencesCutTheReplyLikeARealServer() {
        ScriptedChatModel model = ScriptedChatModel.replying("<execute>\nprint(1)\n</execute>\nObservation: 1");

        ChatResponse response = model.chat(ask("Go").withStop(List.of("</execute>")));

        assertThat(response.text()).isEqualTo("<execute>\nprint(1)\n");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP_SEQUENCE);
    }

    @Test
    void failsWithTheGivenErrorAtTheGivenTurnWithoutUsingAReply() {
        LlmException.ServerError boom = new LlmException.ServerError("http://x failed (HTTP 500)", 500);
        ScriptedChatModel model = ScriptedChatModel.replying("one", "two").failOnTurn(2, boom).onCallerThread();

        assertThat(model.chat(ask("a")).text()).isEqualTo("one");
        RecordingHandler handler = new RecordingHandler();
        model.stream(ask("b"), handler);
        assertThat(handler.awaitError()).isSameAs(boom);
        assertThat(model.chat(ask("c")).text()).isEqualTo("two");
        assertThat(model.requests()).hasSize(3);
    }

    @Test
    void cancellingAPacedStreamEndsWithCancelled() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.replying("a b c d e f g h i j k l m n o p").withDeltaDelay(Duration.ofMillis(50));
        RecordingHandler handler = new RecordingHandler();

        ChatCall call = model.stream(ask("Hi"), handler);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (handler.textDeltas.size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the stream is paced; cancel once it has really begun
        }
        assertThat(handler.textDeltas).as("the paced stream began").hasSizeGreaterThanOrEqualTo(2);
        call.cancel();

        assertThat(handler.awaitError()).isInstanceOf(LlmException.Cancelled.class);
        assertThat(handler.textDeltas.size()).isLessThan(16);
        assertThatThrownBy(() -> call.response().join()).hasCauseInstanceOf(LlmException.Cancelled.class);
    }

    @Test
    void runningOutOfRepliesIsABugInTheScript() {
        ScriptedChatModel model = ScriptedChatModel.replying("only");
        model.chat(ask("1"));

        assertThatThrownBy(() -> model.chat(ask("2"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no reply for request 2");
    }

    @Test
    void splitsTextIntoWordSizedPiecesWithoutBreakingSurrogates() {
        assertThat(ScriptedCall.pieces("ab cd")).containsExactly("ab ", "cd");
        assertThat(String.join("", ScriptedCall.pieces("🙂".repeat(20)))).isEqualTo("🙂".repeat(20));
        assertThat(ScriptedCall.pieces("🙂".repeat(20))).allSatisfy(piece -> assertThat(Character.isLowSurrogate(piece.charAt(0))).isFalse());
    }
}
