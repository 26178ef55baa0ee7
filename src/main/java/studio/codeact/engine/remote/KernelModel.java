package studio.codeact.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A kernel on the server, as {@code /api/kernels/{id}} describes it.
 *
 * @param id             the kernel's id (a UUID)
 * @param name           its kernelspec
 * @param executionState {@code starting}, {@code idle}, {@code busy}, {@code dead} …
 * @param connections    open WebSocket connections to it
 */
public record KernelModel(String id, String name, String executionState, int connections) {

    static KernelModel of(JsonNode model) {
        return new KernelModel(model.path("id").asText(), model.path("name").asText(), model.path("execution_state").asText(""),
                model.path("connections").asInt(0));
    }
}
