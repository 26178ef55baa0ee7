package studio.codeact.llm.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import studio.codeact.llm.ChatResponse;
import studio.codeact.llm.ModelInfo;
import studio.codeact.llm.ToolCall;
import studio.codeact.llm.http.ErrorMapper;
import studio.codeact.llm.http.ServerMessage;

import java.util.ArrayList;
import java.util.List;

/** Whole Chat Completions bodies (a completion, a model list) to provider-neutral values. */
public final class ResponseMapper {

    private static final ObjectReader COMPLETIONS = OpenAiJson.MAPPER.readerFor(ChatCompletion.class);
    private static final ObjectReader MODELS = OpenAiJson.MAPPER.readerFor(ModelList.class);

    private ResponseMapper() {
    }

    /** A non-streamed completion; an {@code error} object in it becomes a typed error. */
    public static ChatResponse parse(String json, ErrorMapper errors, String requestedModel) {
        ChatCompletion completion;
        try {
            completion = COMPLETIONS.readValue(json);
        } catch (JsonProcessingException e) {
            throw errors.malformed("answered with JSON that is not a chat completion", json, e);
        }
        if (completion.error() != null && !completion.error().isNull()) {
            throw errors.fromErrorEvent(ServerMessage.ofError(completion.error()));
        }
        if (completion.choices() == null || completion.choices().isEmpty() || completion.choices().getFirst().message() == null) {
            throw errors.malformed("answered without any message", json, null);
        }
        ChatCompletion.Choice choice = completion.choices().getFirst();
        ChatCompletion.ResponseMessage message = choice.message();
        List<ToolCall> calls = new ArrayList<>();
        if (message.toolCalls() != null) {
            for (ChatCompletion.ToolCallIn call : message.toolCalls()) {
                if (call.function() == null || call.function().name() == null) {
                    continue;
                }
                String arguments = FinishReasons.arguments(call.function().arguments());
                calls.add(new ToolCall(call.id() == null ? "" : call.id(), call.function().name(),
                        arguments == null || arguments.isBlank() ? "{}" : arguments));
            }
        }
        return new ChatResponse(message.content(), calls, FinishReasons.map(choice.finishReason(), choice.stopReason(), !calls.isEmpty()),
                completion.usage() == null ? null : completion.usage().toUsage(),
                completion.model() != null ? completion.model() : requestedModel);
    }

    /** {@code GET /models}. */
    public static List<ModelInfo> models(String json, ErrorMapper errors) throws JsonProcessingException {
        ModelList list = MODELS.readValue(json);
        if (list.data() == null) {
            throw errors.malformed("answered the model list without a \"data\" array", json, null);
        }
        return list.data().stream()
                .filter(model -> model.id() != null)
                .map(model -> new ModelInfo(model.id(), model.name()))
                .toList();
    }
}
