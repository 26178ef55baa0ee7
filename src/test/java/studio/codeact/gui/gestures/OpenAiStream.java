package studio.codeact.gui.gestures;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;

/** A reply in the OpenAI Chat Completions streaming format, as a server sends it, in small deltas. */
final class OpenAiStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiStream() {
    }

    static MockResponse reply(String text) {
        return reply(text, null);
    }

    /** A reply whose last chunk reports usage: prompt, completion and cached prompt tokens. */
    static MockResponse reply(String text, int prompt, int completion, int cached) {
        ObjectNode usage = chunk();
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion).put("total_tokens", prompt + completion)
                .putObject("prompt_tokens_details").put("cached_tokens", cached);
        return reply(text, usage);
    }

    private static MockResponse reply(String text, ObjectNode usage) {
        StringBuilder body = new StringBuilder();
        body.append(event(delta(null, true)));
        for (int at = 0; at < text.length(); at += 12) {
            body.append(event(delta(text.substring(at, Math.min(text.length(), at + 12)), false)));
        }
        ObjectNode last = chunk();
        ObjectNode choice = last.putArray("choices").addObject();
        choice.put("index", 0).putObject("delta");
        choice.put("finish_reason", "stop");
        body.append(event(last));
        if (usage != null) {
            body.append(event(usage));
        }
        body.append("data: [DONE]\n\n");
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(body.toString()).build();
    }

    private static ObjectNode chunk() {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", "chatcmpl-gui").put("object", "chat.completion.chunk").put("created", 1_717_000_000).put("model", "local-model");
        return chunk;
    }

    private static ObjectNode delta(String content, boolean role) {
        ObjectNode chunk = chunk();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0).putNull("finish_reason");
        ObjectNode delta = choice.putObject("delta");
        if (role) {
            delta.put("role", "assistant").put("content", "");
        } else {
            delta.put("content", content);
        }
        return chunk;
    }

    private static String event(ObjectNode node) {
        return "data: " + node + "\n\n";
    }
}
