package studio.codeact.llm.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.ToolCall;
import studio.codeact.llm.Usage;
import studio.codeact.llm.http.DeltaSink;
import studio.codeact.llm.http.ErrorMapper;
import studio.codeact.llm.http.ServerMessage;
import studio.codeact.llm.http.SseEvent;
import studio.codeact.llm.http.StreamDecoder;
import studio.codeact.llm.http.ToolCallAssembler;

import java.io.IOException;
import java.util.List;

/**
 * Reads a streamed completion: {@code data:} chunks with text and tool-call deltas (assembled by
 * index), the finish reason, a last chunk with usage ({@code stream_options.include_usage}), and
 * {@code data: [DONE]}. An {@code error} object in a chunk ends the call with a typed error. A
 * stream that ends without {@code [DONE]} counts as complete only if a finish reason arrived
 * (some compatible servers omit {@code [DONE]}). One per call, on its reader thread.
 */
public final class ChunkDecoder implements StreamDecoder {

    private static final ObjectReader CHUNKS = OpenAiJson.MAPPER.readerFor(ChatCompletionChunk.class);

    private final ErrorMapper errors;
    private final String requestedModel;
    private final StringBuilder text = new StringBuilder();
    private final ToolCallAssembler tools = new ToolCallAssembler();
    private String model;
    private String finishReason;
    private JsonNode stopReason;
    private Usage usage = Usage.UNKNOWN;

    public ChunkDecoder(ErrorMapper errors, String requestedModel) {
        this.errors = errors;
        this.requestedModel = requestedModel;
    }

    @Override
    public boolean onEvent(SseEvent event, DeltaSink out) {
        String data = event.data();
        if (data.equals("[DONE]") || data.strip().equals("[DONE]")) {
            return true;
        }
        if (event.type().equals("error")) {
            throw errors.fromErrorEvent(ServerMessage.parse(data));
        }
        ChatCompletionChunk chunk;
        try {
            chunk = CHUNKS.readValue(data);
        } catch (IOException e) {
            throw errors.malformed("sent a stream event that is not valid JSON", data, e);
        }
        if (chunk.error() != null && !chunk.error().isNull()) {
            throw errors.fromErrorEvent(ServerMessage.ofError(chunk.error()));
        }
        if (chunk.model() != null) {
            model = chunk.model();
        }
        if (chunk.usage() != null) {
            usage = chunk.usage().toUsage();
        }
        List<ChatCompletionChunk.Choice> choices = chunk.choices();
        if (choices != null) {
            for (ChatCompletionChunk.Choice choice : choices) {
                if (choice.index() == null || choice.index() == 0) {
                    choice(choice, out);
                }
            }
        }
        return false;
    }

    private void choice(ChatCompletionChunk.Choice choice, DeltaSink out) {
        ChatCompletionChunk.Delta delta = choice.delta();
        if (delta != null) {
            String content = delta.content();
            if (content != null && !content.isEmpty()) {
                text.append(content);
                out.text(content);
            }
            if (notEmpty(delta.reasoningContent()) || notEmpty(delta.reasoning())) {
                out.hiddenToken();
            }
            if (delta.toolCalls() != null) {
                for (ChatCompletionChunk.ToolCallDelta call : delta.toolCalls()) {
                    toolCall(call, out);
                }
            }
        }
        if (choice.finishReason() != null) {
            finishReason = choice.finishReason();
            stopReason = choice.stopReason();
        }
    }

    private void toolCall(ChatCompletionChunk.ToolCallDelta call, DeltaSink out) {
        int index;
        if (call.index() != null) {
            index = call.index();
        } else if (call.id() != null && (tools.isEmpty() || !call.id().equals(tools.id(tools.size() - 1)))) {
            index = tools.size();   // servers that send whole calls without an index
        } else {
            index = Math.max(0, tools.size() - 1);
        }
        String name = call.function() == null ? null : call.function().name();
        String arguments = call.function() == null ? null : FinishReasons.arguments(call.function().arguments());
        tools.add(index, call.id(), name, arguments);
        out.toolCall(index, tools.id(index), tools.name(index), arguments == null ? "" : arguments);
    }

    @Override
    public ChatResponse finish(boolean endMarkerSeen) {
        if (!endMarkerSeen && finishReason == null) {
            throw errors.incomplete();
        }
        List<ToolCall> calls = tools.build();
        return new ChatResponse(text.toString(), calls, FinishReasons.map(finishReason, stopReason, !calls.isEmpty()),
                usage, model != null ? model : requestedModel);
    }

    @Override
    public ChatResponse onWholeBody(String json, DeltaSink out) {
        return StreamDecoder.replay(ResponseMapper.parse(json, errors, requestedModel), out);
    }

    private static boolean notEmpty(String text) {
        return text != null && !text.isEmpty();
    }
}
