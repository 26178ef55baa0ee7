package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.TransferProgress;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The benchmark harness inside one {@link PythonEngine}: every operation is a call into the
 * {@code codeact_bench} package that runs in the engine's interpreter, where the suite's tools live.
 * The tools a code-mode model calls and those a json- or text-mode call runs are the same functions.
 *
 * <p>Not thread-safe: one worker owns one engine and its {@code BenchPython}.
 */
public final class BenchPython {

    /** A tool call that runs longer than this is stopped and reported to the model. */
    public static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);
    /** A reference solution or a suite load that runs longer than this fails. */
    public static final Duration CHECK_TIMEOUT = Duration.ofMinutes(5);

    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final PythonEngine engine;

    public BenchPython(PythonEngine engine) {
        this.engine = engine;
    }

    public PythonEngine engine() {
        return engine;
    }

    /** Puts the harness on the interpreter's path and imports it. Needed again after a restart. */
    public void install() {
        String code = "(lambda p: None if p in __import__('sys').path else __import__('sys').path.insert(0, p))("
                + studio.codeact.engine.PythonLiteral.string(engine.dataPath(BundledFiles.harnessFolder(), TransferProgress.NONE)) + ")\n"
                + "__import__('importlib').import_module('codeact_bench.harness') and None";
        ExecutionResult result = execute(code, CHECK_TIMEOUT);
        if (!result.ok()) {
            throw new BenchException("the benchmark harness did not load in Python: " + failure(result));
        }
    }

    /** Reads a suite folder; a suite that cannot be read is a {@link BenchException} naming the problem. */
    public TaskSuite load(Path folder) {
        // a remote engine's Python reads the suite from its copy on the server
        JsonNode suite = call(CHECK_TIMEOUT, "load", engine.dataPath(folder, TransferProgress.NONE));
        if (suite.has("error")) {
            throw new BenchException(suite.get("error").asText());
        }
        Map<String, ToolInfo> tools = new java.util.LinkedHashMap<>();
        suite.path("tools").properties().forEach(entry -> tools.put(entry.getKey(), new ToolInfo(entry.getKey(),
                entry.getValue().path("signature").asText(), entry.getValue().path("description").asText(),
                entry.getValue().path("full_description").asText(), entry.getValue().path("mismatch").asText(""))));
        List<BenchTask> tasks = new ArrayList<>();
        for (JsonNode task : suite.path("tasks")) {
            List<ToolInfo> taskTools = new ArrayList<>();
            task.path("tools").forEach(name -> taskTools.add(tools.get(name.asText())));
            tasks.add(new BenchTask(task.path("id").asText(), task.path("title").asText(),
                    TaskClass.parse(task.path("class").asText()), task.path("instruction").asText(), taskTools,
                    task.path("max_turns").asInt(), task.path("has_reference").asBoolean()));
        }
        return new TaskSuite(suite.path("name").asText(), folder.toAbsolutePath(), suite.path("description").asText(), tasks);
    }

    /** Clears what earlier tasks left in the namespace and defines this task's tools there. */
    public void prepare(TaskSuite suite, BenchTask task) {
        call(CHECK_TIMEOUT, "prepare", suite.folder().toString(), task.id());
    }

    /** Runs a json-mode action (the JSON text the model wrote) and returns the observation. */
    public ToolOutcome callJson(TaskSuite suite, BenchTask task, String json) {
        return outcome("call_json", suite.folder().toString(), task.id(), json);
    }

    /** Runs a text-mode action from its {@code Action:} and {@code Action Input:} texts. */
    public ToolOutcome callText(TaskSuite suite, BenchTask task, String action, String input) {
        return outcome("call_text", suite.folder().toString(), task.id(), action, input);
    }

    /** Scores a final answer with the task's comparison. */
    public Score score(TaskSuite suite, BenchTask task, String answer) {
        return score(call(CHECK_TIMEOUT, "score", suite.folder().toString(), task.id(), answer));
    }

    private static Score score(JsonNode score) {
        return new Score(score.path("success").asBoolean(), score.path("detail").asText(), score.path("graded_by").asText(""),
                score.path("expected").isTextual() ? score.path("expected").asText() : null);
    }

    /**
     * One model reply under M3ToolEval's protocol: trimmed, parsed and, for a json or text action, run
     * (the paper's way: arguments in order, no signature check).
     */
    public M3Turn m3Turn(TaskSuite suite, BenchTask task, ActionFormat mode, String generation) {
        ExecutionResult result = execute(expression("m3_turn", suite.folder().toString(), task.id(), mode.id(), generation), CALL_TIMEOUT);
        if (result.status() == ExecutionStatus.TIMED_OUT) {
            return new M3Turn(generation, "action", "", "The tool call did not finish within " + CALL_TIMEOUT.toSeconds()
                    + " seconds and was stopped.", "", false, null);
        }
        JsonNode turn = parse(result, "m3_turn");
        return new M3Turn(turn.path("reply").asText(), turn.path("type").asText(), turn.path("content").asText(),
                turn.path("observation").isTextual() ? turn.path("observation").asText() : null, turn.path("extra_info").asText(""),
                turn.path("correct").asBoolean(), turn.path("grade").isObject() ? score(turn.path("grade")) : null);
    }

    /** The observation M3ToolEval's code mode makes of what a code action printed; {@code answer} is set when it solves an atomic task. */
    public M3Turn m3CodeObservation(TaskSuite suite, BenchTask task, String output) {
        JsonNode turn = call(CHECK_TIMEOUT, "m3_code_observation", suite.folder().toString(), task.id(), output);
        return new M3Turn("", "action", "", turn.path("observation").asText(), "", turn.path("correct").asBoolean(),
                turn.path("grade").isObject() ? score(turn.path("grade")) : null);
    }

    /** Runs the task's reference solution through its own checker. */
    public TaskCheck check(TaskSuite suite, BenchTask task) {
        JsonNode check = call(CHECK_TIMEOUT, "check_task", suite.folder().toString(), task.id());
        return new TaskCheck(task.id(), check.path("ok").asBoolean(), check.path("calls").asInt(),
                check.path("answer").toString(), check.path("detail").asText(), check.path("reference").asBoolean());
    }

    /** Draws the summary chart (matplotlib, in this interpreter) and writes it to {@code png} from Java (the engine may be sandboxed). */
    public void chart(String rowsJson, Path png, String title) {
        JsonNode drawn = call(CHECK_TIMEOUT, "chart", rowsJson, title);
        try {
            java.nio.file.Files.write(png, java.util.Base64.getDecoder().decode(drawn.path("png").asText()));
        } catch (java.io.IOException e) {
            throw new BenchException("could not write the chart to " + png + ": " + e.getMessage(), e);
        }
    }

    private ToolOutcome outcome(String function, String... arguments) {
        ExecutionResult result = execute(expression(function, arguments), CALL_TIMEOUT);
        if (result.status() == ExecutionStatus.TIMED_OUT) {
            return new ToolOutcome(false, "The tool call did not finish within " + CALL_TIMEOUT.toSeconds()
                    + " seconds and was stopped.", null);
        }
        JsonNode node = parse(result, function);
        return new ToolOutcome(node.path("ok").asBoolean(), node.path("observation").asText(),
                node.path("tool").isTextual() ? node.path("tool").asText() : null);
    }

    private JsonNode call(Duration timeout, String function, String... arguments) {
        return parse(execute(expression(function, arguments), timeout), function);
    }

    private JsonNode parse(ExecutionResult result, String function) {
        if (!result.ok()) {
            throw new BenchException("the benchmark harness failed in " + function + ": " + failure(result));
        }
        String text = result.result().map(r -> r.data().text()).orElse("");
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BenchException("the benchmark harness answered " + function + " with something that is not JSON: "
                    + abbreviate(text), e);
        }
    }

    private ExecutionResult execute(String code, Duration timeout) {
        try {
            return engine.execute(new ExecutionRequest(code, timeout, false, false), OutputListener.NONE).join();
        } catch (CompletionException e) {
            throw new BenchException("the Python engine failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static String expression(String function, String... arguments) {
        StringBuilder code = new StringBuilder("__import__('codeact_bench.harness').harness.").append(function).append('(');
        for (int i = 0; i < arguments.length; i++) {
            code.append(i == 0 ? "" : ", ").append(studio.codeact.engine.PythonLiteral.string(arguments[i]));
        }
        return code.append(')').toString();
    }

    private static String failure(ExecutionResult result) {
        String status = result.status() == ExecutionStatus.ERROR ? "" : result.status().name().toLowerCase() + " ";
        String error = result.error().map(e -> {
            List<String> lines = e.traceback();
            String tail = lines.isEmpty() ? "" : " (" + abbreviate(String.join("\n", lines.subList(Math.max(0, lines.size() - 3), lines.size()))) + ")";
            return e.summary() + tail;
        }).orElse("no error output");
        String note = result.note().isEmpty() ? "" : "; " + result.note();
        return status + error + note;
    }

    private static String abbreviate(String text) {
        String flat = text.strip();
        return flat.length() <= 400 ? flat : flat.substring(0, 399) + "…";
    }
}
