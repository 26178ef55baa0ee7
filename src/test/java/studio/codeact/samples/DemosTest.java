package studio.codeact.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The scripted demos (samples/demos): well-formed, one per data set, and their code really runs. */
class DemosTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyDataSetHasADemo() {
        List<String> demos = SamplesFolder.demos().stream().map(p -> p.getFileName().toString()).toList();
        for (String dataSet : SamplesFolder.DATA_SETS) {
            String stem = dataSet.substring(0, dataSet.lastIndexOf('.'));
            assertThat(demos).contains(stem + ".demo.json");
        }
    }

    @Test
    void demosFollowFormatOne() throws IOException {
        for (Path file : SamplesFolder.demos()) {
            List<String> problems = problems(JSON.readTree(file.toFile()));
            assertThat(problems).as(file.getFileName().toString()).isEmpty();
        }
    }

    @Test
    void everyCodeBlockRunsInOrderAndShowsWhatTheScriptSays() throws Exception {
        List<Path> demos = SamplesFolder.demos();
        List<Object> args = new ArrayList<>(List.of(SamplesFolder.resource("run_demos.py"), "--samples", SamplesFolder.path()));
        args.addAll(demos);
        SamplesFolder.Run run = SamplesFolder.python(300, args.toArray());

        Map<String, Integer> blocks = new TreeMap<>();
        Map<String, Integer> figures = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (String line : run.lines()) {
            JsonNode block = JSON.readTree(line);
            String where = block.get("demo").asText() + " turn " + block.get("turn").asInt();
            if (!block.get("error").isNull()) {
                failures.add(where + " raised:\n" + block.get("error").asText());
            }
            if (!block.get("missing_expect").isEmpty()) {
                failures.add(where + " does not show " + block.get("missing_expect") + "; it printed:\n"
                        + block.get("output").asText());
            }
            blocks.merge(block.get("demo").asText(), 1, Integer::sum);
            figures.merge(block.get("demo").asText(), block.get("figures").asInt(), Integer::sum);
        }
        assertThat(failures).isEmpty();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        for (Path demo : demos) {
            String name = demo.getFileName().toString().replace(".demo.json", "");
            int codeTurns = 0;
            for (JsonNode turn : JSON.readTree(demo.toFile()).get("turns")) {
                codeTurns += turn.has("code") ? 1 : 0;
            }
            assertThat(blocks.get(name)).as("code blocks run for " + name).isEqualTo(codeTurns);
            assertThat(figures.get(name)).as("figures drawn by " + name).isPositive();
        }
    }

    /** What is wrong with a demo document, per samples/demos/README.md; empty if nothing. */
    static List<String> problems(JsonNode demo) {
        List<String> problems = new ArrayList<>();
        if (demo.path("format").asInt() != 1) {
            problems.add("format must be 1");
        }
        for (String field : List.of("title", "dataset", "summary", "label")) {
            if (!demo.path(field).isTextual() || demo.path(field).asText().isBlank()) {
                problems.add("missing text field " + field);
            }
        }
        if (demo.path("dataset").isTextual() && !Files.isRegularFile(SamplesFolder.path().resolve(demo.get("dataset").asText()))) {
            problems.add("dataset " + demo.get("dataset").asText() + " is not in samples/");
        }
        JsonNode turns = demo.path("turns");
        if (!turns.isArray() || turns.size() < 3) {
            problems.add("turns must be an array of at least a question, an action and an answer");
            return problems;
        }
        int code = 0;
        for (int i = 0; i < turns.size(); i++) {
            JsonNode turn = turns.get(i);
            Set<String> keys = new TreeSet<>();
            turn.fieldNames().forEachRemaining(keys::add);
            boolean user = keys.equals(Set.of("user")) && turn.get("user").isTextual();
            boolean assistant = keys.contains("assistant") && turn.get("assistant").isTextual()
                    && Set.of("assistant", "code", "expect").containsAll(keys)
                    && (!keys.contains("expect") || keys.contains("code"));
            if (!user && !assistant) {
                problems.add("turn " + i + " is neither {user} nor {assistant, code?, expect?}: " + keys);
                continue;
            }
            if (keys.contains("code")) {
                code++;
                if (!allText(turn.get("code")) || turn.get("code").isEmpty()) {
                    problems.add("turn " + i + ": code must be a non-empty array of lines");
                } else if (!String.join("\n", lines(turn.get("code"))).contains("SAMPLES_DIR") && code == 1) {
                    problems.add("turn " + i + ": the first code block must load data through SAMPLES_DIR");
                }
                if (keys.contains("expect") && !allText(turn.get("expect"))) {
                    problems.add("turn " + i + ": expect must be an array of strings");
                }
            }
        }
        if (!turns.get(0).has("user")) {
            problems.add("the first turn must be the user's");
        }
        JsonNode last = turns.get(turns.size() - 1);
        if (!last.has("assistant") || last.has("code")) {
            problems.add("the last turn must be the assistant's answer, without code");
        }
        if (code == 0) {
            problems.add("no code action");
        }
        return problems;
    }

    private static boolean allText(JsonNode array) {
        if (!array.isArray()) {
            return false;
        }
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> lines(JsonNode array) {
        List<String> lines = new ArrayList<>();
        array.forEach(item -> lines.add(item.asText()));
        return lines;
    }
}
