package studio.codeact.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.testing.PythonCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExportsTest {

    @org.junit.jupiter.api.extension.RegisterExtension
    final OpenStores stores = new OpenStores();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private Session exported() {
        byte[] png = SessionSamples.png(4, 3);
        SessionStore store = stores.track(SessionStore.create(folder, Session.start("s-1", SessionSamples.T0, SessionSamples.info())));
        String figure = store.saveFigure(png);
        store.update(ignored -> SessionSamples.repaired(figure, png));
        store.exportAll();
        return store.current();
    }

    @Test
    void notebookIsValidNbformatWithRealOutputs() throws Exception {
        exported();
        Path notebook = folder.resolve(Exports.NOTEBOOK_FILE);

        PythonCheck.Result validation = PythonCheck.validateNotebook(notebook);

        assertThat(validation.exitCode()).as(validation.output()).isZero();
        assertThat(validation.output()).startsWith("valid");
        JsonNode cells = JSON.readTree(notebook.toFile()).path("cells");
        List<String> kinds = new ArrayList<>();
        cells.forEach(c -> kinds.add(c.path("cell_type").asText()));
        assertThat(kinds).containsExactly("markdown", "markdown", "code", "markdown", "code", "markdown", "code", "markdown");
        assertThat(text(cells.get(1).path("source"))).isEqualTo("**Question:** What is the mean price?");
        JsonNode failing = cells.get(4);
        assertThat(failing.path("execution_count").asInt()).isEqualTo(2);
        assertThat(failing.path("metadata").path("tags").get(0).asText()).isEqualTo("raises-exception");
        assertThat(failing.path("outputs").get(0).path("output_type").asText()).isEqualTo("error");
        assertThat(failing.path("outputs").get(0).path("ename").asText()).isEqualTo("KeyError");
        JsonNode fixed = cells.get(6);
        assertThat(fixed.path("execution_count").asInt()).isEqualTo(3);
        List<String> outputTypes = new ArrayList<>();
        fixed.path("outputs").forEach(o -> outputTypes.add(o.path("output_type").asText()));
        assertThat(outputTypes).containsExactly("stream", "stream", "display_data", "execute_result");
        assertThat(fixed.path("outputs").get(2).path("data").path("image/png").asText()).startsWith("iVBORw0KGgo");
        assertThat(fixed.path("outputs").get(3).path("data").has("text/html")).isTrue();
        assertThat(fixed.path("outputs").get(3).path("data").path("application/vnd.dataresource+json").isObject()).isTrue();
        assertThat(text(cells.get(7).path("source"))).isEqualTo("**Answer:** The mean price is 2.0.");
    }

    @Test
    void scriptRunsAsPlainPythonAndKeepsFailedCellsAsComments() throws Exception {
        exported();
        Path script = folder.resolve(Exports.SCRIPT_FILE);

        PythonCheck.Result run = PythonCheck.run(folder, script.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).isEqualTo("2.0\n");
        String text = Files.readString(script);
        assertThat(text).contains("# not run here: it raised KeyError: 'Price'\n# print(sales['Price'].mean())");
        assertThat(text).contains("# %% cell 1: load the datasets");
        assertThat(text).contains("# answer: The mean price is 2.0.");
    }

    @Test
    void trajectoryHasTheCodeActInstructShapeAndMarksTheSelfRepair() throws Exception {
        exported();
        List<String> lines = Files.readAllLines(folder.resolve(Exports.TRAJECTORY_FILE));

        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.getFirst());
        assertThat(line.path("id").asText()).isEqualTo("s-1");
        assertThat(line.path("self_repair").asBoolean()).isTrue();
        List<String> roles = new ArrayList<>();
        line.path("conversations").forEach(m -> roles.add(m.path("role").asText()));
        assertThat(roles).containsExactly("system", "user", "assistant", "user", "assistant", "user", "assistant");
        assertThat(line.path("conversations").get(2).path("content").asText()).contains("<execute>\nprint(sales['Price'].mean())\n</execute>");
        assertThat(line.path("conversations").get(3).path("content").asText()).startsWith("KeyError: 'Price'");
    }

    @Test
    void notebookOfAnEmptySessionIsValidToo() {
        SessionStore store = stores.track(SessionStore.create(folder, Session.start("empty", SessionSamples.T0, SessionSamples.info())));
        store.exportAll();

        PythonCheck.Result validation = PythonCheck.validateNotebook(folder.resolve(Exports.NOTEBOOK_FILE));

        assertThat(validation.exitCode()).as(validation.output()).isZero();
    }

    private static String text(JsonNode source) {
        StringBuilder text = new StringBuilder();
        source.forEach(line -> text.append(line.asText()));
        return text.toString();
    }
}
