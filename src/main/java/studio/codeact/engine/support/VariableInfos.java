package studio.codeact.engine.support;

import com.fasterxml.jackson.databind.JsonNode;
import studio.codeact.engine.VariableInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The variables list that {@code codeact_support.variables} and {@code codeact_embedded.variables}
 * write as JSON, read into records with one set of defaults: a missing or null
 * {@code shape}/{@code summary} is empty text, a missing {@code bytes} is -1 (unknown).
 */
public final class VariableInfos {

    /** {@code bytes} when Python could not tell. */
    public static final long UNKNOWN_BYTES = -1;

    private VariableInfos() {
    }

    /** The records of a JSON array of {@code {name, type, shape, bytes, summary}} objects. */
    public static List<VariableInfo> fromJson(JsonNode array) {
        List<VariableInfo> found = new ArrayList<>();
        for (JsonNode v : array) {
            found.add(new VariableInfo(v.path("name").asText(""), v.path("type").asText(""), v.path("shape").asText(""),
                    v.path("bytes").asLong(UNKNOWN_BYTES), v.path("summary").asText("")));
        }
        return found;
    }
}
