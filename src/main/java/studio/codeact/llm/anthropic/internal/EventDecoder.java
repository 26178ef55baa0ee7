package studio.codeact.llm.anthropic.internal;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a streamed message: {@code message_start}, content blocks (text, and {@code tool_use}
 * whose {@code input_json_delta} pieces are assembled), {@code message_delta} with the stop reason
 * and output tokens, and {@code message_stop}, which alone makes the answer complete. {@code ping}
 * and unknown events are skipped; an {@code error} event ends the call with a typed error.
 * One per call, on its reader thread.
 */
public final class EventDecoder implements StreamDecoder {

    private static final ObjectReader EVENTS = AnthropicJson.MAPPER.readerFor(StreamEvent.class);

    private final ErrorMapper errors;
    private final String requestedModel;
    private final StringBuilder text = new StringBuilder();
    private final ToolCallAssembler tools = new ToolCallAssembler();
    private final Map<Integer, Integer> toolOfBlock = new HashMap<>();
    private String model;
    private String stopReason;
    private Usage usage = Usage.UNKNOWN;

    public EventDecoder(ErrorMapper errors, String requestedModel) {
        this.errors = errors;
        this.requestedModel = requestedModel;
    }

    @Override
    public boolean onEvent(SseEvent event, DeltaSink out) {
        StreamEvent e;
        try {
            e = EVENTS.readValue(event.data());
        } catch (IOException bad) {
            throw errors.malformed("sent a stream event that is not valid JSON", event.data(), bad);
        }
        String type = e.type() != null ? e.type() : event.type();
        switch (type) {
            case "message_start" -> start(e);
            case "content_block_start" -> blockStart(e, out);
            case "content_block_delta" -> blockDelta(e, out);
            case "message_delta" -> messageDelta(e);
            case "message_stop" -> {
                return true;
            }
            case "error" -> throw errors.fromErrorEvent(ServerMessage.ofError(e.error()));
            default -> { } // ping, content_block_stop, and events added to the API later
        }
        return false;
    }

    private void start(StreamEvent e) {
        MessageResponse message = e.message();
        if (message == null) {
            return;
        }
        model = message.model();
        if (message.usage() != null) {
            usage = message.usage().over(usage);
        }
    }

    private void blockStart(StreamEvent e, DeltaSink out) {
        MessageResponse.ResponseBlock block = e.contentBlock();
        if (block == null || block.type() == null || e.index() == null) {
            return;
        }
        if (block.type().equals("tool_use")) {
            int ordinal = tools.size();
            toolOfBlock.put(e.index(), ordinal);
            tools.add(ordinal, block.id(), block.name(), null);
            out.toolCall(ordinal, block.id(), block.name(), "");
        } else if (block.type().equals("text") && block.text() != null && !block.text().isEmpty()) {
            text.append(block.text());
            out.text(block.text());
        }
    }

    private void blockDelta(StreamEvent e, DeltaSink out) {
        StreamEvent.Delta delta = e.delta();
        if (delta == null || delta.type() == null) {
            return;
        }
        switch (delta.type()) {
            case "text_delta" -> {
                if (delta.text() != null && !delta.text().isEmpty()) {
                    text.append(delta.text());
                    out.text(delta.text());
                }
            }
            case "input_json_delta" -> {
                Integer ordinal = e.index() == null ? null : toolOfBlock.get(e.index());
                if (ordinal == null) {
                    throw errors.malformed("sent tool input for a content block that is not a tool call", String.valueOf(e.index()), null);
                }
                String piece = delta.partialJson() == null ? "" : delta.partialJson();
                tools.add(ordinal, null, null, piece);
                out.toolCall(ordinal, tools.id(ordinal), tools.name(ordinal), piece);
            }
            case "thinking_delta" -> out.hiddenToken();
            default -> { } // signature_delta, citations_delta
        }
    }

    private void messageDelta(StreamEvent e) {
        if (e.delta() != null && e.delta().stopReason() != null) {
            stopReason = e.delta().stopReason();
        }
        if (e.usage() != null) {
            // message_delta repeats the input counts only on newer API versions; keep message_start's otherwise.
            usage = e.usage().over(usage);
        }
    }

    @Override
    public ChatResponse finish(boolean endMarkerSeen) {
        if (!endMarkerSeen) {
            throw errors.incomplete();
        }
        List<ToolCall> calls = tools.build();
        return new ChatResponse(text.toString(), calls, StopReasons.map(stopReason),
                usage, model != null ? model : requestedModel);
    }

    @Override
    public ChatResponse onWholeBody(String json, DeltaSink out) {
        return StreamDecoder.replay(ResponseMapper.parse(json, errors, requestedModel), out);
    }
}
