package studio.codeact.agent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SystemPromptTest {

    private static final Dataset SALES = new Dataset("sales", "/data/sales.csv", "csv", null, "DataFrame", 1200,
            List.of(new Dataset.Column("region", "object"), new Dataset.Column("revenue", "float64")),
            "  region  revenue\n0  north     10.5", List.of("sales.csv is not UTF-8; it was read as Windows-1252"));

    private static SystemPrompt.Facts facts(ActionMode mode, Privacy privacy, List<Dataset> datasets) {
        return new SystemPrompt.Facts("3.11.2", Map.of("pandas", "1.5.3", "sklearn", "1.2.1", "matplotlib", "3.6.3"), datasets, "",
                "/work/session/work", mode, 10, privacy, false);
    }

    @Test
    void namesPythonPackagesDatasetsFolderTurnsAndHowToFinish() {
        String prompt = SystemPrompt.render(facts(ActionMode.TAGS, Privacy.SAMPLE_ROWS, List.of(SALES)));

        assertThat(prompt).contains("Python 3.11.2").contains("pandas 1.5.3, scikit-learn 1.2.1, matplotlib 3.6.3")
                .contains("`sales` from /data/sales.csv: 1,200 rows \u00d7 2 columns")
                .contains("columns: region (object), revenue (float64)")
                .contains("first rows:\n      region  revenue\n    0  north     10.5")
                .contains("warning: sales.csv is not UTF-8")
                .contains("Working folder: /work/session/work")
                .contains("<execute>").contains("plt.show()").contains("persist")
                .contains("at most 10 turns").contains("<solution>")
                .doesNotContain("{{");
    }

    @Test
    void schemaOnlyPrivacyWithholdsSampleRows() {
        String prompt = SystemPrompt.render(facts(ActionMode.TAGS, Privacy.SCHEMA_ONLY, List.of(SALES)));

        assertThat(prompt).contains("region (object)").doesNotContain("north").contains("privacy setting withholds");
    }

    @Test
    void toolModeExplainsTheToolInsteadOfTags() {
        String prompt = SystemPrompt.render(facts(ActionMode.TOOLS, Privacy.SAMPLE_ROWS, List.of()));

        assertThat(prompt).contains("`execute_python` tool").doesNotContain("<execute>").contains("No dataset was loaded");
    }

    @Test
    void manyColumnsAreSummarised() {
        List<Dataset.Column> columns = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            columns.add(new Dataset.Column("c" + i, "int64"));
        }
        Dataset wide = new Dataset("wide", "/w.csv", "csv", null, "DataFrame", 1, columns, "", List.of());

        assertThat(SystemPrompt.render(facts(ActionMode.TAGS, Privacy.SCHEMA_ONLY, List.of(wide)))).contains("c59 (int64), \u2026 and 40 more")
                .doesNotContain("c60 (");
    }

    @Test
    void anUnknownPlaceholderFailsLoudly() {
        assertThatThrownBy(() -> SystemPrompt.fill("hello {{nobody}}", Map.of())).hasMessageContaining("{{nobody}}");
    }
}
