package studio.codeact.llm.openai.internal;

import java.util.List;

/** The body of {@code GET /models}; {@code name} is OpenRouter's human-readable name. */
public record ModelList(List<Model> data) {

    public record Model(String id, String name, String ownedBy) { }
}
