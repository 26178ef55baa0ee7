package studio.codeact.llm.anthropic.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.ModelInfo;
import studio.codeact.llm.ToolCall;
import studio.codeact.llm.Usage;
import studio.codeact.llm.http.ErrorMapper;
import studio.codeact.llm.http.ServerMessage;

import java.util.ArrayList;
import java.util.List;

/** Whole Messages API bodies (a message, a page of models) to provider-neutral values. */
public final class ResponseMapper {

    private static final ObjectReader MESSAGES = AnthropicJson.MAPPER.readerFor(MessageResponse.class);
    private static final ObjectReader MODEL_PAGES = AnthropicJson.MAPPER.readerFor(ModelPage.class);

    private ResponseMapper() {
    }

    /** A non-streamed message; an error body becomes a typed error. */
    public static ChatResponse parse(String json, ErrorMapper errors, String requestedModel) {
        MessageResponse message;
        try {
            message = MESSAGES.readValue(json);
        } catch (JsonProcessingException e) {
            throw errors.malformed("answered with JSON that is not a message", json, e);
        }
        if ("error".equals(message.type()) || (message.error() != null && !message.error().isNull())) {
            throw errors.fromErrorEvent(ServerMessage.ofError(message.error()));
        }
        if (message.content() == null) {
            throw errors.malformed("answered without any content", json, null);
        }
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (MessageResponse.ResponseBlock block : message.content()) {
            if ("text".equals(block.type()) && block.text() != null) {
                text.append(block.text());
            } else if ("tool_use".equals(block.type())) {
                calls.add(new ToolCall(block.id(), block.name(), block.input() == null ? "{}" : block.input().toString()));
            }
        }
        Usage usage = message.usage() == null ? Usage.UNKNOWN : message.usage().toUsage();
        return new ChatResponse(text.toString(), calls, StopReasons.map(message.stopReason()), usage,
                message.model() != null ? message.model() : requestedModel);
    }

    /** One page of {@code GET /v1/models}. */
    public static ModelPage modelPage(String json, ErrorMapper errors) throws JsonProcessingException {
        ModelPage page = MODEL_PAGES.readValue(json);
        if (page.data() == null) {
            throw errors.malformed("answered the model list without a \"data\" array", json, null);
        }
        return page;
    }

    public static List<ModelInfo> models(ModelPage page) {
        return page.data().stream()
                .filter(model -> model.id() != null)
                .map(model -> new ModelInfo(model.id(), model.displayName()))
                .toList();
    }
}
