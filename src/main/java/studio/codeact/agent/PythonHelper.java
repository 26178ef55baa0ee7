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
import studio.codeact.engine.PythonLiteral;

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

    /**
     * The cell that calls {@code function(*arguments, user_ns=globals())} of {@code file} and prints
     * its JSON result, through {@code codeact_support.call_helper} (the engines put that module on
     * the interpreter's path). One expression: nothing is left in the user's namespace.
     */
    static String callCode(String file, String function, List<?> arguments) {
        return "__import__(\"codeact_support\").call_helper(" + String.join(", ",
                PythonLiteral.string(file.replace(".py", "")), PythonLiteral.string(resource(file)), PythonLiteral.string(file),
                PythonLiteral.string(function), PythonLiteral.string(json(arguments)), PythonLiteral.string(MARKER)) + ", globals())";
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
