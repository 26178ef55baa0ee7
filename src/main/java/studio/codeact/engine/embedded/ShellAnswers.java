package studio.codeact.engine.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import studio.codeact.engine.Completion;
import studio.codeact.engine.Inspection;
import studio.codeact.engine.VariableInfo;
import studio.codeact.engine.support.VariableInfos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON answers of {@code codeact_embedded.complete / inspect / variables} as engine records.
 * Thread: any (pure functions).
 */
final class ShellAnswers {

    private ShellAnswers() {
    }

    static Completion completion(String json, int cursor) {
        JsonNode node = tree(json);
        List<String> matches = new ArrayList<>();
        node.path("matches").forEach(match -> matches.add(match.asText()));
        return new Completion(matches, node.path("start").asInt(cursor), node.path("end").asInt(cursor));
    }

    static Inspection inspection(String json) {
        JsonNode node = tree(json);
        return new Inspection(node.path("found").asBoolean(), OutputDecoder.bundle(node.path("data")));
    }

    static List<VariableInfo> variables(String json) {
        return VariableInfos.fromJson(tree(json));
    }

    private static JsonNode tree(String json) {
        try {
            return OutputDecoder.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("an answer from Python is not JSON", e);
        }
    }
}
