package studio.codeact.engine;

import java.util.List;

/**
 * What a check of a Jupyter server found ({@link Engines#checkJupyterServer}): the doctor prints
 * it, the settings' "Test connection" shows it.
 *
 * @param version           the server's version
 * @param defaultKernel     the kernelspec it starts when none is named
 * @param kernelSpecs       the kernelspec names it has
 * @param kernelStarted     the kernelspec a test kernel was started with, or empty when none was started
 * @param wireFormat        the WebSocket format the test kernel's channels used ({@code v1} or {@code legacy JSON})
 * @param pythonVersion     the test kernel's Python version
 * @param kernelMillis      start, first answer over the WebSocket and shutdown of the test kernel, in ms
 */
public record JupyterServerCheck(String version, String defaultKernel, List<String> kernelSpecs, String kernelStarted,
                                 String wireFormat, String pythonVersion, double kernelMillis) {

    public JupyterServerCheck {
        kernelSpecs = List.copyOf(kernelSpecs);
    }
}
