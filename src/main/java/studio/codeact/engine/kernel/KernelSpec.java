package studio.codeact.engine.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import studio.codeact.engine.jupyter.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One installed kernel: the content of a {@code kernels/<name>/kernel.json}
 * ({@code jupyter_client/kernelspec.py}).
 *
 * @param name          the folder's name (kernel names are case-insensitive; kept lower case)
 * @param resourceDir   the folder holding {@code kernel.json}
 * @param argv          the command line, with {@code {connection_file}} to fill in
 * @param displayName   what a menu shows
 * @param language      the kernel's language, e.g. {@code python}
 * @param interruptMode how to interrupt it: a signal ({@code SIGINT}) or an {@code interrupt_request}
 * @param env           variables to add to the kernel's environment
 */
public record KernelSpec(String name, Path resourceDir, List<String> argv, String displayName, String language,
                         InterruptMode interruptMode, Map<String, String> env) {

    /** {@code interrupt_mode} of a kernelspec. */
    public enum InterruptMode {
        SIGNAL, MESSAGE;

        static InterruptMode parse(String text) {
            return "message".equalsIgnoreCase(text) ? MESSAGE : SIGNAL;
        }
    }

    public KernelSpec {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        name = name.toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code kernel.json} in {@code folder}.
     *
     * @throws IOException when it is missing or not valid JSON, or has no {@code argv}
     */
    public static KernelSpec read(Path folder) throws IOException {
        JsonNode node = Json.mapper().readTree(folder.resolve("kernel.json").toFile());
        List<String> argv = new ArrayList<>();
        node.path("argv").forEach(arg -> argv.add(arg.asText()));
        if (argv.isEmpty()) {
            throw new IOException(folder.resolve("kernel.json") + " has no argv");
        }
        Map<String, String> env = new LinkedHashMap<>();
        node.path("env").properties().forEach(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        String name = folder.getFileName().toString();
        return new KernelSpec(name, folder, argv, node.path("display_name").asText(name),
                node.path("language").asText(""), InterruptMode.parse(node.path("interrupt_mode").asText("signal")), env);
    }

    /** The command line with {@code {connection_file}} and {@code {resource_dir}} filled in. */
    public List<String> argv(Path connectionFile) {
        return argv.stream()
                .map(arg -> arg.replace("{connection_file}", connectionFile.toString())
                        .replace("{resource_dir}", resourceDir.toString()))
                .toList();
    }
}
