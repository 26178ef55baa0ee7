package studio.codeact.engine.sandbox;

import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.Output;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.Set;

/**
 * The one line an observation adds when the sandbox denied something: the code still fails with
 * the Python error it is ({@code PermissionError}, {@code OSError}); the line says why and what is
 * allowed, so the model can do it the allowed way instead of retrying.
 */
public final class SandboxNotes {

    /**
     * What the OS says when Landlock or seccomp refuses: EACCES, EPERM. Libraries wrap it in their
     * own errors (urllib's {@code URLError}, requests' {@code ConnectionError}), so the error's name
     * does not matter, its text does.
     */
    private static final List<String> DENIALS = List.of("[Errno 13]", "[Errno 1]");
    private static final Set<String> NETWORK_WORDS = Set.of("socket", "connect", "urlopen", "urllib", "http", "requests",
            "sendto", "bind", "listen", "getaddrinfo", "pip");

    private SandboxNotes() {
    }

    /**
     * The note for {@code result} of an engine whose {@code info().details()} are {@code details}
     * and whose working folder is {@code workingFolder}; empty when the sandbox had no part in it.
     */
    public static Optional<String> explain(ExecutionResult result, Map<String, String> details, String workingFolder) {
        String sandbox = details.getOrDefault("sandbox", "");
        if (!sandbox.startsWith("on") || result.error().isEmpty()) {
            return Optional.empty();
        }
        Output.Error error = result.error().get();
        if (DENIALS.stream().noneMatch(error.evalue()::contains)) {
            return Optional.empty();
        }
        String where = String.join("\n", error.traceback()).toLowerCase(Locale.ROOT) + error.evalue().toLowerCase(Locale.ROOT);
        boolean network = NETWORK_WORDS.stream().anyMatch(where::contains) && !error.evalue().contains("'/");
        if (network) {
            return sandbox.contains("network allowed") ? Optional.empty()
                    : Optional.of("[Sandbox: network access is off for this session (the user can allow it with --allow-network"
                    + " or Settings → Sandbox); work with the data already here.]");
        }
        return Optional.of("[Sandbox: the sandbox allows writing only in " + workingFolder + " (the working folder) and the temporary"
                + " folder, and reading everything but hidden folders of the home (~/.ssh, ~/.config …) and other users' homes.]");
    }
}
