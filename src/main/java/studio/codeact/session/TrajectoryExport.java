package studio.codeact.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A session as one line of CodeActInstruct-style JSON:
 * {@code {"id": …, "conversations": [{"role": "system"|"user"|"assistant", "content": …}, …], "self_repair": …}}.
 * Assistant turns carry their actions in {@code <execute>} tags whatever mode the model used;
 * observations are the user turns, in full (never the shortened form the context budget sent).
 */
public final class TrajectoryExport {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TrajectoryExport() {
    }

    public static String toJsonLine(Session session) {
        try {
            return MAPPER.writeValueAsString(toTree(session));
        } catch (JsonProcessingException e) {
            throw new SessionException("could not write the trajectory of session " + session.id(), e);
        }
    }

    static ObjectNode toTree(Session session) {
        ObjectNode root = NODES.objectNode();
        root.put("id", session.id());
        ArrayNode conversations = root.putArray("conversations");
        if (!session.info().systemPrompt().isEmpty()) {
            add(conversations, "system", session.info().systemPrompt());
        }
        for (Entry entry : session.entries()) {
            switch (entry) {
                case Entry.Question question -> add(conversations, "user", question.text());
                case Entry.Reply reply -> add(conversations, "assistant", reply.text());
                case Entry.Observation observation -> add(conversations, "user", observation.text());
                case Entry.CodeCell ignored -> { }
                case Entry.Answer ignored -> { }
                case Entry.Notice ignored -> { }
                case Entry.Resumed ignored -> { }
            }
        }
        root.put("self_repair", session.containsSelfRepair());
        root.put("status", session.status().id());
        root.put("model", session.info().model());
        return root;
    }

    private static void add(ArrayNode conversations, String role, String content) {
        ObjectNode message = conversations.addObject();
        message.put("role", role);
        message.put("content", content);
    }
}
