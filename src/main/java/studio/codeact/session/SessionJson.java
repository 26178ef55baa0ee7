package studio.codeact.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code session.json}: the session record as JSON. Outputs are stored in the nbformat shape;
 * figures are referenced by their file in {@code figures/} rather than inlined.
 */
public final class SessionJson {

    public static final String FORMAT = "codeact-session";
    public static final int VERSION = 1;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SessionJson() {
    }

    public static byte[] write(Session session) {
        try {
            return MAPPER.writeValueAsBytes(toTree(session));
        } catch (JsonProcessingException e) {
            throw new SessionException("could not write session " + session.id() + " as JSON", e);
        }
    }

    /**
     * @param figures loads a figure file (path relative to the session folder) as base64
     */
    public static Session read(byte[] json, Function<String, Optional<String>> figures) {
        try {
            return fromTree(MAPPER.readTree(json), figures);
        } catch (java.io.IOException e) {
            throw new SessionException("session.json is not valid JSON: " + e.getMessage(), e);
        }
    }

    static ObjectNode toTree(Session session) {
        ObjectNode root = NODES.objectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("id", session.id());
        root.put("created", session.created().toString());
        root.put("updated", session.updated().toString());
        root.put("status", session.status().id());
        root.put("failure", session.failure());
        root.put("self_repair", session.containsSelfRepair());
        root.set("info", info(session.info()));
        root.set("usage", usage(session.usage()));
        ArrayNode byQuestion = root.putArray("usage_by_question");
        session.usageByQuestion().forEach(sum -> byQuestion.add(usage(sum)));
        ArrayNode entries = root.putArray("entries");
        for (Entry entry : session.entries()) {
            entries.add(entry(entry));
        }
        return root;
    }

    private static ObjectNode info(SessionInfo info) {
        ObjectNode node = NODES.objectNode();
        node.put("provider", info.provider());
        node.put("model", info.model());
        node.put("engine", info.engine());
        node.put("python_version", info.pythonVersion());
        node.put("sandbox", info.sandbox());
        node.put("action_mode", info.actionMode());
        node.put("working_folder", info.workingFolder());
        node.put("max_turns", info.maxTurns());
        node.put("system_prompt", info.systemPrompt());
        ArrayNode datasets = node.putArray("datasets");
        for (DatasetEntry dataset : info.datasets()) {
            ObjectNode item = datasets.addObject();
            item.put("variable", dataset.variable());
            item.put("path", dataset.path());
            item.put("format", dataset.format());
            item.put("rows", dataset.rows());
            item.put("columns", dataset.columns());
            ArrayNode warnings = item.putArray("warnings");
            dataset.warnings().forEach(warnings::add);
        }
        return node;
    }

    private static ObjectNode entry(Entry entry) {
        ObjectNode node = NODES.objectNode();
        switch (entry) {
            case Entry.Question question -> {
                node.put("type", "question");
                node.put("text", question.text());
            }
            case Entry.Reply reply -> {
                node.put("type", "reply");
                node.put("turn", reply.turn());
                node.put("text", reply.text());
                node.put("prose", reply.prose());
                if (!reply.usage().isEmpty()) {
                    node.set("usage", usage(reply.usage()));
                }
            }
            case Entry.CodeCell code -> {
                node.put("type", "cell");
                node.set("cell", cell(code.cell()));
            }
            case Entry.Observation observation -> {
                node.put("type", "observation");
                node.put("turn", observation.turn());
                node.put("text", observation.text());
            }
            case Entry.Answer answer -> {
                node.put("type", "answer");
                node.put("text", answer.text());
            }
            case Entry.Notice notice -> {
                node.put("type", "notice");
                node.put("text", notice.text());
            }
            case Entry.Resumed resumed -> {
                node.put("type", "resumed");
                node.put("run", resumed.run());
                node.put("engine", resumed.engine());
                node.put("model", resumed.model());
                resumed.rerun().forEach(node.putArray("rerun")::add);
                resumed.skipped().forEach(node.putArray("skipped")::add);
                resumed.failed().forEach(node.putArray("failed")::add);
                node.put("text", resumed.note());
            }
        }
        node.put("at", entry.at().toString());
        return node;
    }

    /**
     * Token counts. At the top of the file {@code usage} (the session's sum) and
     * {@code usage_by_question} (one sum per question, in order) are written for readers and not
     * read back: each reply's own {@code usage} is the record.
     */
    private static ObjectNode usage(TokenUsage usage) {
        ObjectNode node = NODES.objectNode();
        node.put("calls", usage.calls());
        node.put("input_tokens", usage.input());
        node.put("output_tokens", usage.output());
        node.put("cached_input_tokens", usage.cachedInput());
        node.put("cache_write_tokens", usage.cacheWrite());
        if (usage.unreported() > 0) {
            node.put("unreported_calls", usage.unreported());
        }
        return node;
    }

    private static TokenUsage readUsage(JsonNode node) {
        if (!node.isObject()) {
            return TokenUsage.NONE;
        }
        return new TokenUsage(node.path("calls").asInt(1), node.path("input_tokens").asLong(), node.path("output_tokens").asLong(),
                node.path("cached_input_tokens").asLong(), node.path("cache_write_tokens").asLong(), node.path("unreported_calls").asInt());
    }

    private static ObjectNode cell(Cell cell) {
        ObjectNode node = NODES.objectNode();
        node.put("number", cell.number());
        node.put("kind", cell.kind().id());
        node.put("turn", cell.turn());
        node.put("status", cell.status().id());
        node.put("execution_count", cell.executionCount());
        node.put("elapsed_ms", cell.elapsedMillis());
        node.put("code", cell.code());
        ArrayNode figures = node.putArray("figures");
        cell.figures().forEach(figures::add);
        ArrayNode outputs = node.putArray("outputs");
        int figure = 0;
        for (Output output : cell.outputs()) {
            String file = null;
            if (hasPng(output) && figure < cell.figures().size()) {
                file = cell.figures().get(figure++);
            }
            outputs.add(OutputJson.write(output, file, false));
        }
        return node;
    }

    static boolean hasPng(Output output) {
        return switch (output) {
            case Output.Display display -> display.data().has(MimeBundle.IMAGE_PNG);
            case Output.Result result -> result.data().has(MimeBundle.IMAGE_PNG);
            default -> false;
        };
    }

    static Session fromTree(JsonNode root, Function<String, Optional<String>> figures) {
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new SessionException("not a CodeAct session file (its \"format\" is not \"" + FORMAT + "\")");
        }
        int version = root.path("version").asInt();
        if (version > VERSION) {
            throw new SessionException("session.json has version " + version + "; this CodeAct Studio reads up to " + VERSION);
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : root.path("entries")) {
            entries.add(readEntry(node, figures));
        }
        return new Session(root.path("id").asText(), Instant.parse(root.path("created").asText()),
                Instant.parse(root.path("updated").asText()), readInfo(root.path("info")), entries,
                SessionStatus.parse(root.path("status").asText()), root.path("failure").asText());
    }

    private static SessionInfo readInfo(JsonNode node) {
        List<DatasetEntry> datasets = new ArrayList<>();
        for (JsonNode item : node.path("datasets")) {
            List<String> warnings = new ArrayList<>();
            item.path("warnings").forEach(w -> warnings.add(w.asText()));
            datasets.add(new DatasetEntry(item.path("variable").asText(), item.path("path").asText(), item.path("format").asText(),
                    item.path("rows").asLong(), item.path("columns").asInt(), warnings));
        }
        return new SessionInfo(node.path("provider").asText(), node.path("model").asText(), node.path("engine").asText(),
                node.path("python_version").asText(), node.path("action_mode").asText(), node.path("working_folder").asText(),
                node.path("max_turns").asInt(), node.path("system_prompt").asText(), datasets, node.path("sandbox").asText());
    }

    private static Entry readEntry(JsonNode node, Function<String, Optional<String>> figures) {
        Instant at = Instant.parse(node.path("at").asText());
        String type = node.path("type").asText();
        return switch (type) {
            case "question" -> new Entry.Question(at, node.path("text").asText());
            case "reply" -> new Entry.Reply(at, node.path("turn").asInt(), node.path("text").asText(), node.path("prose").asText(),
                    readUsage(node.path("usage")));
            case "cell" -> new Entry.CodeCell(at, readCell(node.path("cell"), figures));
            case "observation" -> new Entry.Observation(at, node.path("turn").asInt(), node.path("text").asText());
            case "answer" -> new Entry.Answer(at, node.path("text").asText());
            case "notice" -> new Entry.Notice(at, node.path("text").asText());
            case "resumed" -> new Entry.Resumed(at, node.path("run").asInt(), node.path("engine").asText(), node.path("model").asText(),
                    numbers(node.path("rerun")), numbers(node.path("skipped")), numbers(node.path("failed")), node.path("text").asText());
            default -> throw new SessionException("unknown entry type '" + type + "' in session.json");
        };
    }

    private static List<Integer> numbers(JsonNode array) {
        List<Integer> numbers = new ArrayList<>();
        array.forEach(n -> numbers.add(n.asInt()));
        return numbers;
    }

    private static Cell readCell(JsonNode node, Function<String, Optional<String>> figures) {
        List<Output> outputs = new ArrayList<>();
        for (JsonNode output : node.path("outputs")) {
            outputs.add(OutputJson.read(output, figures));
        }
        List<String> files = new ArrayList<>();
        node.path("figures").forEach(f -> files.add(f.asText()));
        return new Cell(node.path("number").asInt(), CellKind.parse(node.path("kind").asText()), node.path("turn").asInt(),
                node.path("code").asText(), CellStatus.parse(node.path("status").asText()), node.path("execution_count").asInt(),
                outputs, files, node.path("elapsed_ms").asLong());
    }
}
