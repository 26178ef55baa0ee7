package studio.codeact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Option;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.JupyterServerException;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.JupyterServerConfig;
import studio.codeact.engine.PythonLocator;
import studio.codeact.llm.settings.SettingsFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The flags that pick the remote engine's Jupyter server, shared by {@code ask}, {@code replay},
 * {@code bench}, {@code doctor} and {@code perf remote}. Unset flags fall back to the settings
 * file's {@code "jupyter"} section; the token comes from {@code --jupyter-token-env VAR}, else
 * {@code JUPYTER_TOKEN}, else the settings file, and is never printed.
 */
public final class JupyterOptions {

    @Option(names = "--jupyter-url", paramLabel = "URL",
            description = "Jupyter Server, JupyterHub user server or kernel gateway to run on (--engine remote), e.g. http://127.0.0.1:8888.")
    String url;

    @Option(names = "--jupyter-token-env", paramLabel = "VAR", description = "Environment variable holding the server's token (default: JUPYTER_TOKEN, then the settings).")
    String tokenEnv;

    @Option(names = "--kernel", paramLabel = "NAME", description = "Kernelspec to start (remote: on the server, default its default; kernel: a local kernelspec).")
    String kernel;

    @Option(names = "--jupyter-ca-file", paramLabel = "PEM", description = "Extra certificate authorities to trust for an https server with a private CA.")
    Path caFile;

    @Option(names = "--jupyter-data-path", paramLabel = "DIR",
            description = "A folder on the server where the data files already are (or where a gateway's kernels see them): read there, not uploaded.")
    String dataPath;

    /** Whether {@code --jupyter-url} was given. */
    public boolean hasUrl() {
        return url != null;
    }

    /** The Jupyter server for {@code kind} remote, from the flags and then {@code settings}; empty for other kinds. */
    public Optional<JupyterServerConfig> server(EngineKind kind, JsonNode settings, Map<String, String> env) {
        if (kind != EngineKind.REMOTE) {
            if (url != null || tokenEnv != null || caFile != null || dataPath != null) {
                throw new IllegalArgumentException("--jupyter-url, --jupyter-token-env, --jupyter-ca-file and --jupyter-data-path are for "
                        + "--engine remote; add --engine remote");
            }
            return Optional.empty();
        }
        JsonNode saved = settings.path(JupyterServerConfig.SETTINGS_KEY);
        String chosenUrl = url != null ? url : saved.path("url").asText("");
        if (chosenUrl.isBlank()) {
            throw new IllegalArgumentException("--engine remote needs the server's address: add --jupyter-url URL "
                    + "(e.g. http://127.0.0.1:8888), or set it in Settings → Python engine → Jupyter server");
        }
        Path ca = caFile != null ? caFile : saved.path("caFile").asText("").isBlank() ? null : Path.of(saved.path("caFile").asText());
        if (ca != null && !Files.isReadable(ca)) {
            throw new IllegalArgumentException("cannot read the CA file " + ca + "; give a readable PEM file with --jupyter-ca-file");
        }
        JupyterServerConfig server = new JupyterServerConfig(JupyterServerConfig.parseUrl(chosenUrl),
                JupyterServerConfig.resolveToken(tokenEnv, env, settings), Optional.empty(), Optional.ofNullable(ca), Optional.empty());
        return Optional.of(server.withKernelName(kernel != null ? kernel : saved.path("kernel").asText(""))
                .withDataPath(dataPath != null ? dataPath : saved.path("dataPath").asText("")));
    }

    /**
     * The engine configuration for {@code kind}: a local interpreter for embedded and kernel (with
     * {@code --kernel} as a local kernelspec), the Jupyter server for remote.
     */
    EngineConfig engineConfig(EngineKind kind, String python, Path settingsPath) {
        JsonNode settings = (settingsPath == null ? SettingsFile.standard() : new SettingsFile(settingsPath)).read();
        Optional<JupyterServerConfig> server = server(kind, settings, System.getenv());
        // the remote engine runs no local Python: do not make the user install one for it
        Path interpreter = kind == EngineKind.REMOTE ? PythonLocator.choose(python) : PythonLocator.chooseReady(python);
        EngineConfig config = EngineConfig.of(interpreter);
        if (kind == EngineKind.KERNEL && kernel != null) {
            config = config.withKernelSpec(kernel);
        }
        return server.map(config::withJupyterServer).orElse(config);
    }

    /** A refused token or an untrusted certificate is bad input (exit 2); any other engine failure is a failure (exit 1). */
    static int exitCode(EngineException e) {
        return e instanceof JupyterServerException server && server.isSettingsProblem() ? Main.BAD_INPUT : Main.FAILED;
    }
}
