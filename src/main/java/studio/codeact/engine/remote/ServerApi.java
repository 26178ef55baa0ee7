package studio.codeact.engine.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.JupyterServerException;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel REST API every Jupyter server speaks (Jupyter Server, JupyterHub's single-user
 * servers, Kernel Gateway, Enterprise Gateway): the server's version, its kernelspecs, and a
 * kernel's start, status, interrupt, restart and shutdown. Blocking calls; any thread.
 */
public final class ServerApi {

    /** What {@code GET /api/kernelspecs} says. */
    public record KernelSpecs(String defaultName, List<RemoteKernelSpec> specs) { }

    private final ServerHttp http;

    public ServerApi(JupyterServerConfig config) {
        this(new ServerHttp(config));
    }

    ServerApi(ServerHttp http) {
        this.http = http;
    }

    ServerHttp http() {
        return http;
    }

    /** The server's version ({@code GET /api}); also checks that it answers and takes the token. */
    public String version() {
        String version = http.get(http.url("api"), "say its version").path("version").asText("");
        // /api answers without a token on Jupyter Server: ask something that needs one
        http.get(http.url("api", "status"), "report its status");
        return version;
    }

    public KernelSpecs kernelSpecs() {
        JsonNode answer = http.get(http.url("api", "kernelspecs"), "list its kernelspecs");
        List<RemoteKernelSpec> specs = new ArrayList<>();
        answer.path("kernelspecs").properties().forEach(entry -> {
            JsonNode spec = entry.getValue().path("spec");
            specs.add(new RemoteKernelSpec(entry.getKey(), spec.path("display_name").asText(entry.getKey()), spec.path("language").asText("")));
        });
        specs.sort((a, b) -> a.name().compareTo(b.name()));
        return new KernelSpecs(answer.path("default").asText(""), List.copyOf(specs));
    }

    /**
     * Starts a kernel ({@code POST /api/kernels}).
     *
     * @param name the kernelspec, or empty for the server's default
     * @param path the working folder, relative to the server's root (Jupyter Server starts the kernel there); empty for the root
     */
    public KernelModel start(String name, String path) {
        ObjectNode body = http.json().createObjectNode();
        if (!name.isEmpty()) {
            body.put("name", name);
        }
        if (!path.isEmpty()) {
            body.put("path", path);
        }
        String what = "start a kernel" + (name.isEmpty() ? "" : " of kernelspec '" + name + "'");
        try {
            return KernelModel.of(http.post(http.url("api", "kernels"), body, what));
        } catch (JupyterServerException e) {
            if (e.problem() != JupyterServerException.Problem.UNREACHABLE && !e.isSettingsProblem()
                    && !name.isEmpty()) {
                List<String> names = kernelSpecs().specs().stream().map(RemoteKernelSpec::name).toList();
                if (!names.contains(name)) {
                    throw new JupyterServerException(JupyterServerException.Problem.NOT_FOUND, "the Jupyter server at " + http.describe()
                            + " has no kernelspec named '" + name + "'; it has " + String.join(", ", names), e);
                }
            }
            throw e;
        }
    }

    public KernelModel kernel(String id) {
        return KernelModel.of(http.get(http.url("api", "kernels", id), "find kernel " + id));
    }

    public List<KernelModel> kernels() {
        List<KernelModel> kernels = new ArrayList<>();
        http.get(http.url("api", "kernels"), "list its kernels").forEach(model -> kernels.add(KernelModel.of(model)));
        return kernels;
    }

    public void interrupt(String id) {
        http.post(http.url("api", "kernels", id, "interrupt"), http.json().createObjectNode(), "interrupt kernel " + id);
    }

    public KernelModel restart(String id) {
        return KernelModel.of(http.post(http.url("api", "kernels", id, "restart"), http.json().createObjectNode(), "restart kernel " + id));
    }

    /** Shuts the kernel down ({@code DELETE}); one that is already gone counts as shut down. */
    public void shutdown(String id) {
        try {
            http.delete(http.url("api", "kernels", id), "shut down kernel " + id);
        } catch (JupyterServerException e) {
            if (e.problem() != JupyterServerException.Problem.NOT_FOUND) {
                throw e;
            }
        }
    }
}
