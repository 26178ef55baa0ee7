package studio.codeact.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import studio.codeact.engine.Output;

import java.util.List;
import java.util.Locale;

/**
 * A session as a Jupyter notebook (nbformat 4.5): questions, the model's prose and answers as
 * markdown cells; each action as a code cell with its real outputs and execution count.
 * Cells that raised carry the {@code raises-exception} tag, the nbclient/nbconvert convention
 * that lets "run all" continue past a cell that is expected to fail.
 */
public final class NotebookExport {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NotebookExport() {
    }

    public static String toJson(Session session) {
        try {
            return MAPPER.writeValueAsString(toTree(session));
        } catch (JsonProcessingException e) {
            throw new SessionException("could not write the notebook of session " + session.id(), e);
        }
    }

    static ObjectNode toTree(Session session) {
        ObjectNode notebook = NODES.objectNode();
        notebook.put("nbformat", 4);
        notebook.put("nbformat_minor", 5);
        notebook.set("metadata", metadata(session));
        ArrayNode cells = notebook.putArray("cells");
        Ids ids = new Ids();
        cells.add(markdown(ids, header(session)));
        List<Entry> entries = session.entries();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            switch (entry) {
                case Entry.Question question -> cells.add(markdown(ids, "**Question:** " + question.text()));
                case Entry.Reply reply -> {
                    boolean answerFollows = i + 1 < entries.size() && entries.get(i + 1) instanceof Entry.Answer;
                    if (!reply.prose().isBlank() && !answerFollows) {
                        cells.add(markdown(ids, reply.prose().strip()));
                    }
                }
                case Entry.CodeCell code -> cells.add(codeCell(ids, code.cell()));
                case Entry.Answer answer -> cells.add(markdown(ids, "**Answer:** " + answer.text().strip()));
                case Entry.Notice notice -> cells.add(markdown(ids, "*Note: " + notice.text().strip() + "*"));
                case Entry.Resumed resumed -> cells.add(markdown(ids, "## Run " + resumed.run() + " (continued " + resumed.at() + ")\n\n"
                        + resumed.note().strip()));
                case Entry.Observation ignored -> {
                    // The observation repeats the cell's outputs for the model; the notebook shows the outputs themselves.
                }
            }
        }
        return notebook;
    }

    private static String header(Session session) {
        SessionInfo info = session.info();
        StringBuilder text = new StringBuilder("# CodeAct session ").append(session.id()).append("\n\n");
        text.append("Model `").append(info.model()).append("` (").append(info.provider()).append("), ")
                .append(info.engine()).append(" engine, Python ").append(info.pythonVersion())
                .append(", started ").append(session.created()).append(".");
        if (!info.datasets().isEmpty()) {
            text.append("\n\nDatasets:");
            for (DatasetEntry dataset : info.datasets()) {
                text.append(String.format(Locale.ROOT, "\n- `%s` from `%s` (%,d rows \u00d7 %d columns)",
                        dataset.variable(), dataset.path(), dataset.rows(), dataset.columns()));
            }
        }
        return text.toString();
    }

    private static ObjectNode metadata(Session session) {
        ObjectNode metadata = NODES.objectNode();
        ObjectNode kernelspec = metadata.putObject("kernelspec");
        kernelspec.put("name", "python3");
        kernelspec.put("display_name", "Python 3 (ipykernel)");
        kernelspec.put("language", "python");
        ObjectNode language = metadata.putObject("language_info");
        language.put("name", "python");
        if (!session.info().pythonVersion().isEmpty()) {
            language.put("version", session.info().pythonVersion());
        }
        language.put("file_extension", ".py");
        language.put("mimetype", "text/x-python");
        ObjectNode codeact = metadata.putObject("codeact");
        codeact.put("session", session.id());
        codeact.put("model", session.info().model());
        codeact.put("status", session.status().id());
        codeact.put("self_repair", session.containsSelfRepair());
        return metadata;
    }

    private static ObjectNode markdown(Ids ids, String text) {
        ObjectNode cell = NODES.objectNode();
        cell.put("cell_type", "markdown");
        cell.put("id", ids.next());
        cell.putObject("metadata");
        cell.set("source", OutputJson.text(text, true));
        return cell;
    }

    private static ObjectNode codeCell(Ids ids, Cell cell) {
        if (cell.status() == CellStatus.REJECTED) {
            return markdown(ids, "*The user rejected this action; it did not run:*\n\n```python\n" + cell.code().strip() + "\n```");
        }
        ObjectNode node = NODES.objectNode();
        node.put("cell_type", "code");
        node.put("id", ids.next());
        ObjectNode metadata = node.putObject("metadata");
        if (cell.status() != CellStatus.OK) {
            metadata.putArray("tags").add("raises-exception");
        }
        if (cell.kind() == CellKind.SETUP) {
            metadata.put("codeact_kind", "setup");
        }
        if (cell.executionCount() > 0) {
            node.put("execution_count", cell.executionCount());
        } else {
            node.putNull("execution_count");
        }
        node.set("source", OutputJson.text(cell.code(), true));
        ArrayNode outputs = node.putArray("outputs");
        for (Output output : cell.outputs()) {
            ObjectNode written = OutputJson.write(output, null, true);
            if (written.path("output_type").asText().equals("execute_result") && written.path("execution_count").isNull()) {
                written.put("execution_count", Math.max(cell.executionCount(), 1));
            }
            outputs.add(written);
        }
        return node;
    }

    /** Cell ids as nbformat 4.5 requires: unique within the notebook. */
    private static final class Ids {
        private int next;

        String next() {
            return String.format(Locale.ROOT, "cell-%04d", ++next);
        }
    }
}
