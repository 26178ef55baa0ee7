package studio.codeact.bench;

import java.util.Objects;

/**
 * A tool as the model reads about it.
 *
 * @param name        what the model calls it
 * @param signature   e.g. {@code get_store(store_id: str) -> dict}
 * @param description one line
 */
public record ToolInfo(String name, String signature, String description) {

    public ToolInfo {
        Objects.requireNonNull(name, "name");
        signature = signature == null || signature.isBlank() ? name + "(...)" : signature;
        description = description == null ? "" : description;
    }
}
