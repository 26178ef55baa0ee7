package studio.codeact.gui.settings;

import studio.codeact.engine.JupyterServerConfig;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The "Jupyter server" part of the settings (the remote engine), as plain values.
 *
 * @param url      the server's URL; blank when none is set
 * @param token    its API token (stored only in the owner-only settings file); blank: {@code JUPYTER_TOKEN}
 * @param kernel   a kernelspec on the server; blank for its default
 * @param caFile   a PEM file of extra certificate authorities; blank for the system's only
 * @param dataPath a folder on the server where the data already is; blank to upload dropped files
 */
public record JupyterForm(String url, String token, String kernel, String caFile, String dataPath) {

    public static final JupyterForm EMPTY = new JupyterForm("", "", "", "", "");

    public JupyterForm {
        url = url == null ? "" : url.strip();
        token = token == null ? "" : token.strip();
        kernel = kernel == null ? "" : kernel.strip();
        caFile = caFile == null ? "" : caFile.strip();
        dataPath = dataPath == null ? "" : dataPath.strip();
    }

    /**
     * The engine's view of it; a blank token falls back to {@code JUPYTER_TOKEN} in {@code env}.
     *
     * @throws IllegalArgumentException when the URL is missing or malformed (the message says what to type)
     */
    public JupyterServerConfig toConfig(Map<String, String> env) {
        if (url.isEmpty()) {
            throw new IllegalArgumentException("no Jupyter server URL: type the server's address, e.g. http://127.0.0.1:8888");
        }
        String chosenToken = token.isEmpty() ? env.getOrDefault("JUPYTER_TOKEN", "") : token;
        return new JupyterServerConfig(JupyterServerConfig.parseUrl(url), chosenToken, Optional.of(kernel),
                caFile.isEmpty() ? Optional.empty() : Optional.of(Path.of(caFile)), Optional.of(dataPath));
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "JupyterForm[url=" + url + ", token=" + (token.isEmpty() ? "(none)" : "***") + ", kernel=" + kernel + ", caFile=" + caFile
                + ", dataPath=" + dataPath + "]";
    }
}
