package studio.codeact.llm.anthropic.internal;

import java.util.List;

/** One page of {@code GET /v1/models}. */
public record ModelPage(List<Model> data, Boolean hasMore, String lastId) {

    public record Model(String id, String displayName, String type) { }
}
