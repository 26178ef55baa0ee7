package studio.codeact.engine;

import java.util.Map;

/**
 * What an engine runs on.
 *
 * @param kind        which engine
 * @param python      path of the interpreter (or kernelspec argv[0])
 * @param version     Python's version, e.g. {@code 3.11.2}
 * @param startMillis start-to-ready time of the last start, in milliseconds
 * @param details     further facts by name (libpython path, kernelspec, connection file …)
 */
public record EngineInfo(EngineKind kind, String python, String version, double startMillis, Map<String, String> details) {
    public EngineInfo {
        details = Map.copyOf(details);
    }
}
