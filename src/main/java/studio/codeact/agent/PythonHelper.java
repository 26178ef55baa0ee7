package studio.codeact.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonEngine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls a function of one of the agent's Python resource files inside an engine without touching
 * the user's namespace: the file is executed in a private dictionary, the function gets the
 * user's globals only to read them, and its JSON result comes back on stdout behind a marker. The
 * cell is not counted in the history.
 */
final class PythonHelper {

    private static final String MARKER = "\u001ecodeact-result\u001e";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SOURCES = new ConcurrentHashMap<>();

    private PythonHelper() {
    }

    /** Text of a resource next to this class (a {@code .py} or prompt file). */
    static String resource(String name) {
        return SOURCES.computeIfAbsent(name, key -> {
            try (InputStream in = PythonHelper.class.getResourceAsStream(key)) {
                if (in == null) {
                    throw new IllegalStateException(key + " is missing from the application");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The cell that calls {@code function(*arguments, user_ns=globals())} of {@code file} and prints its JSON result. */
    static String callCode(String file, String function, List<?> arguments) {
        return """
                def __codeact_helper():
                    import json as _json
                    _namespace = {"__name__": %s}
                    exec(compile(%s, %s, "exec"), _namespace)
                    _result = _namespace[%s](*_json.loads(%s), user_ns=globals())
                    return _json.dumps(_result, default=str)
                try:
                    print(%s + __codeact_helper(), flush=True)
                finally:
                    del __codeact_helper
                """.formatted(studio.codeact.engine.PythonLiteral.string(file.replace(".py", "")), studio.codeact.engine.PythonLiteral.string(resource(file)), studio.codeact.engine.PythonLiteral.string(file), studio.codeact.engine.PythonLiteral.string(function),
                studio.codeact.engine.PythonLiteral.string(json(arguments)), studio.codeact.engine.PythonLiteral.string(MARKER));
    }

    /**
     * Runs a helper call and returns its JSON result.
     *
     * @throws EngineException when the call raised or the engine could not run it
     */
    static JsonNode run(PythonEngine engine, String code, Duration timeout) {
        ExecutionRequest request = new ExecutionRequest(code, timeout, false, false);
        ExecutionResult result = engine.execute(request, OutputListener.NONE).join();
        if (!result.ok()) {
            throw new EngineException("the agent's helper code failed in Python: "
                    + result.error().map(Output.Error::summary).orElse(result.status() + " " + result.note()));
        }
        return parse(result.stdout());
    }

    /** The JSON result in a helper cell's stdout. */
    static JsonNode parse(String stdout) {
        int at = stdout.lastIndexOf(MARKER);
        if (at < 0) {
            throw new EngineException("the agent's helper code printed no result");
        }
        String line = stdout.substring(at + MARKER.length()).lines().findFirst().orElse("");
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new EngineException("the agent's helper code printed something that is not JSON", e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
