package studio.codeact.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import studio.codeact.llm.ToolCall;
import studio.codeact.llm.ToolSpec;

import java.util.Optional;

/** The one tool offered in native function-calling mode: {@code execute_python(code)}. */
final class ExecutePythonTool {

    static final String NAME = "execute_python";
    static final String DESCRIPTION = "Run Python code in the analyst's live IPython session (pandas, scikit-learn, matplotlib). "
            + "State persists between calls. Returns what the code printed, the value of its last line, one line per figure, or the error.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExecutePythonTool() {
    }

    static ToolSpec spec() {
        return new ToolSpec(NAME, DESCRIPTION, PythonHelper.resource("execute_python_tool_" + SystemPrompt.VERSION + ".json"));
    }

    /** The code of a call, when its arguments are a JSON object with a string {@code code}. */
    static Optional<String> code(ToolCall call) {
        if (call.argumentsJson() == null || call.argumentsJson().isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode code = JSON.readTree(call.argumentsJson()).get("code");
            return code != null && code.isTextual() && !code.asText().isBlank() ? Optional.of(code.asText()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** What the model is told about a call that could not run. */
    static String refusal(ToolCall call) {
        if (!NAME.equals(call.name())) {
            return "[There is no tool named \"" + call.name() + "\"; nothing ran. The only tool is " + NAME + "(code).]";
        }
        return "[The call's arguments were not a JSON object with a non-empty string \"code\"; nothing ran. "
                + "Call " + NAME + " with {\"code\": \"...\"}.]";
    }

    static boolean runnable(ToolCall call) {
        return NAME.equals(call.name()) && code(call).isPresent();
    }
}
