package studio.codeact.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the remote engine runs its kernels: a Jupyter Server, a JupyterHub single-user server
 * or a kernel gateway. The token is a secret: {@link #toString()} leaves it out, and nothing
 * logs it.
 *
 * @param url        the server's base URL, {@code http(s)://host:port/prefix} without a trailing slash
 *                   (JupyterHub: {@code https://hub.example.org/user/NAME})
 * @param token      the API token sent as {@code Authorization: token …}; empty for none
 * @param kernelName a kernelspec name on the server; empty means the server's default
 * @param caFile     a PEM file of extra certificate authorities to trust besides the system's
 * @param dataPath   a folder on the server where the data already is (or where gateways without
 *                   a Contents API see it): data files are named there as is, never uploaded
 */
public record JupyterServerConfig(URI url, String token, Optional<String> kernelName, Optional<Path> caFile, Optional<String> dataPath) {

    /** The settings file's section: {@code "jupyter": {"url", "token", "kernel", "caFile", "dataPath"}}. */
    public static final String SETTINGS_KEY = "jupyter";

    public JupyterServerConfig {
        Objects.requireNonNull(url, "url");
        token = token == null ? "" : token.strip();
        kernelName = kernelName == null ? Optional.empty() : kernelName.filter(name -> !name.isBlank());
        caFile = caFile == null ? Optional.empty() : caFile;
        dataPath = dataPath == null ? Optional.empty() : dataPath.filter(path -> !path.isBlank());
    }

    public static JupyterServerConfig of(String url, String token) {
        return new JupyterServerConfig(parseUrl(url), token, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public JupyterServerConfig withKernelName(String name) {
        return new JupyterServerConfig(url, token, Optional.ofNullable(name), caFile, dataPath);
    }

    public JupyterServerConfig withCaFile(Path file) {
        return new JupyterServerConfig(url, token, kernelName, Optional.ofNullable(file), dataPath);
    }

    public JupyterServerConfig withDataPath(String path) {
        return new JupyterServerConfig(url, token, kernelName, caFile, Optional.ofNullable(path));
    }

    /** {@code host:port} as the prompt and messages name the server. */
    public String host() {
        return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    /**
     * Checks and normalises a server URL: {@code http} or {@code https}, a host, no query; the
     * trailing slash is dropped.
     *
     * @throws IllegalArgumentException with a sentence that says what a good URL looks like
     */
    public static URI parseUrl(String text) {
        String trimmed = text == null ? "" : text.strip();
        String hint = "; give the server's address, e.g. http://127.0.0.1:8888 or https://hub.example.org/user/NAME";
        try {
            URI uri = new URI(trimmed.replaceAll("/+$", ""));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("the Jupyter server URL '" + trimmed + "' must start with http:// or https://" + hint);
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw new IllegalArgumentException("the Jupyter server URL '" + trimmed + "' has no host" + hint);
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("the Jupyter server URL '" + trimmed
                        + "' has a query or fragment; pass the token with --jupyter-token-env or JUPYTER_TOKEN, not in the URL" + hint);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a URL" + hint, e);
        }
    }

    /**
     * The token, from the first of: the variable named by {@code tokenVariable} (which must then be
     * set), {@code JUPYTER_TOKEN}, the settings file's {@code jupyter.token}; empty if none.
     *
     * @throws IllegalArgumentException when {@code tokenVariable} is given but not set
     */
    public static String resolveToken(String tokenVariable, Map<String, String> env, JsonNode settings) {
        if (tokenVariable != null && !tokenVariable.isBlank()) {
            String value = env.get(tokenVariable);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("--jupyter-token-env names " + tokenVariable + ", but it is not set; export "
                        + tokenVariable + "=<the server's token> first");
            }
            return value.strip();
        }
        String fromEnv = env.get("JUPYTER_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        return settings == null ? "" : settings.path(SETTINGS_KEY).path("token").asText("").strip();
    }

    @Override
    public String toString() {
        return "JupyterServerConfig[url=" + url + ", token=" + (token.isEmpty() ? "none" : "(set)") + ", kernel="
                + kernelName.orElse("(server default)") + ", caFile=" + caFile.map(Path::toString).orElse("none")
                + ", dataPath=" + dataPath.orElse("none") + "]";
    }
}
