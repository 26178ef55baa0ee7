package studio.codeact.bench;

import java.util.Objects;

/**
 * A tool as the model reads about it.
 *
 * @param name            what the model calls it
 * @param signature       what calls are checked against, e.g. {@code get_store(store_id: str) -> dict}: the
 *                        suite's declared signature text when it names the function's parameters, else the
 *                        function's real one
 * @param description     one line
 * @param fullDescription the description as the suite wrote it, line breaks kept
 * @param mismatch        how the declared signature differs from the function, or empty when it does not
 */
public record ToolInfo(String name, String signature, String description, String fullDescription, String mismatch) {

    public ToolInfo {
        Objects.requireNonNull(name, "name");
        signature = signature == null || signature.isBlank() ? name + "(...)" : signature;
        description = description == null ? "" : description;
        fullDescription = fullDescription == null || fullDescription.isBlank() ? description : fullDescription;
        mismatch = mismatch == null ? "" : mismatch;
    }

    public ToolInfo(String name, String signature, String description) {
        this(name, signature, description, description, "");
    }
}
