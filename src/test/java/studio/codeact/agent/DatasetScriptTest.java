package studio.codeact.agent;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.testing.PythonCheck;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code datasets.py} run by the system Python exactly as the agent sends it to an engine (the
 * helper call code), without an engine: plans, the loading code they produce, and descriptions.
 */
class DatasetScriptTest {

    @TempDir
    static Path folder;

    @BeforeAll
    static void makeFiles() throws Exception {
        // helper calls go through codeact_support, which the engines put on the path; the driver scripts run from this folder
        Files.copy(studio.codeact.engine.PythonSupport.folder().resolve("codeact_support.py"), folder.resolve("codeact_support.py"));
        Files.writeString(folder.resolve("sales.csv"), "region,revenue\nnorth,10.5\nsouth,20.25\n");
        Files.writeString(folder.resolve("european.csv"), "name;amount\nA;1,5\nB;2,5\n");
        Files.write(folder.resolve("legacy.csv"), "city,note\nZ\u00fcrich,caf\u00e9\n".getBytes(Charset.forName("windows-1252")));
        Files.writeString(folder.resolve("2024 Sales-Data.tsv"), "a\tb\n1\t2\n");
        Files.writeString(folder.resolve("records.json"), "[{\"x\": 1, \"y\": \"a\"}, {\"x\": 2, \"y\": \"b\"}]");
        Files.writeString(folder.resolve("events.json"), "{\"x\": 1}\n{\"x\": 2}\n{\"x\": 3}\n");
        Files.writeString(folder.resolve("class.jsonl"), "{\"k\": 1}\n");
        Files.write(folder.resolve("table.parquet"), new byte[] {'P', 'A', 'R', '1', 0, 0, 'P', 'A', 'R', '1'});
        Files.writeString(folder.resolve("ragged.csv"), "a,b\n1,2\n3,4,5\n6,7\n");
        PythonCheck.Result book = PythonCheck.run(folder, "-c", """
                import pandas as pd
                with pd.ExcelWriter('book.xlsx') as writer:
                    pd.DataFrame({'q': [1, 2]}).to_excel(writer, sheet_name='Q1', index=False)
                    pd.DataFrame({'q': [3]}).to_excel(writer, sheet_name='Q2 totals', index=False)
                """);
        assertThat(book.exitCode()).as(book.output()).isZero();
    }

    /** Plans, runs the loading code, describes: the three steps the agent takes, in one Python process. */
    private static JsonNode[] planLoadDescribe(List<String> files, int sampleRows) throws Exception {
        List<String> paths = files.stream().map(f -> folder.resolve(f).toString()).toList();
        String plan = PythonHelper.callCode(DatasetLoader.SCRIPT, "plan", List.of(paths, List.of()));
        Path script = folder.resolve("driver.py");
        Files.writeString(script, plan);
        PythonCheck.Result planned = PythonCheck.run(folder, script.toString());
        assertThat(planned.exitCode()).as(planned.output()).isZero();
        JsonNode planJson = PythonHelper.parse(planned.output());
        List<String> names = new ArrayList<>();
        planJson.path("datasets").forEach(d -> d.path("variables").forEach(v -> names.add(v.path("name").asText())));
        String describe = PythonHelper.callCode(DatasetLoader.SCRIPT, "describe", List.of(names, sampleRows));
        Files.writeString(script, planJson.path("code").asText() + "\n" + describe);
        PythonCheck.Result described = PythonCheck.run(folder, script.toString());
        assertThat(described.exitCode()).as(described.output()).isZero();
        return new JsonNode[] {planJson, PythonHelper.parse(described.output()), com.fasterxml.jackson.databind.node.TextNode.valueOf(described.output())};
    }

    @Test
    void delimitersAreSniffedAndNamesAreValidIdentifiers() throws Exception {
        JsonNode[] result = planLoadDescribe(List.of("sales.csv", "european.csv", "2024 Sales-Data.tsv"), 2);

        assertThat(result[0].path("code").asText()).contains("sales = pd.read_csv(").contains("european = pd.read_csv(")
                .contains("sep=';'").contains("df_2024_sales_data = pd.read_csv(").contains("sep='\\t'");
        JsonNode sales = result[1].path("datasets").get(0);
        assertThat(sales.path("rows").asInt()).isEqualTo(2);
        assertThat(sales.path("dtypes").toString()).isEqualTo("[[\"region\",\"object\"],[\"revenue\",\"float64\"]]");
        assertThat(sales.path("sample").asText()).contains("north").contains("20.25");
        assertThat(result[1].path("datasets").get(1).path("columns").asInt()).isEqualTo(2);
    }

    @Test
    void aNonUtf8FileLoadsWithAWarning() throws Exception {
        JsonNode[] result = planLoadDescribe(List.of("legacy.csv"), 2);

        JsonNode entry = result[0].path("datasets").get(0);
        assertThat(entry.path("warnings").get(0).asText()).contains("not UTF-8").contains("Windows-1252");
        assertThat(result[0].path("code").asText()).contains("encoding='cp1252'");
        assertThat(result[1].path("datasets").get(0).path("sample").asText()).contains("Z\u00fcrich").contains("caf\u00e9");
    }

    @Test
    void everyExcelSheetBecomesItsOwnVariable() throws Exception {
        JsonNode[] result = planLoadDescribe(List.of("book.xlsx"), 0);

        assertThat(result[0].path("code").asText()).contains("book_q1 = pd.read_excel(").contains("sheet_name='Q1'")
                .contains("book_q2_totals = pd.read_excel(").contains("sheet_name='Q2 totals'");
        assertThat(result[1].path("datasets").get(1).path("rows").asInt()).isEqualTo(1);
        assertThat(result[1].path("datasets").get(0).path("sample").asText()).as("no sample rows when asked for none").isEmpty();
    }

    @Test
    void jsonDocumentsAndJsonLinesAreToldApart() throws Exception {
        JsonNode[] result = planLoadDescribe(List.of("records.json", "events.json", "class.jsonl"), 1);

        JsonNode entries = result[0].path("datasets");
        assertThat(entries.get(0).path("format").asText()).isEqualTo("json");
        assertThat(entries.get(1).path("format").asText()).isEqualTo("jsonl");
        assertThat(entries.get(2).path("variables").get(0).path("name").asText()).as("a keyword is not a variable name").isEqualTo("class_df");
        assertThat(result[1].path("datasets").get(1).path("rows").asInt()).isEqualTo(3);
    }

    @Test
    void aRaggedCsvLoadsAndItsProblemIsPrinted() throws Exception {
        JsonNode[] result = planLoadDescribe(List.of("ragged.csv"), 5);

        assertThat(result[1].path("datasets").get(0).path("rows").asInt()).isEqualTo(2);
        assertThat(result[2].asText()).contains("Skipping line 3");
    }

    @Test
    void namesNeverClobberEachOther() throws Exception {
        Path other = Files.createDirectories(folder.resolve("other"));
        Files.writeString(other.resolve("sales.csv"), "a\n1\n");
        JsonNode[] result = planLoadDescribe(List.of("sales.csv", "other/sales.csv"), 0);

        assertThat(result[0].path("code").asText()).contains("sales = pd.read_csv(").contains("sales_2 = pd.read_csv(");
    }

    @Test
    void parquetWithoutAReaderIsAClearError() throws Exception {
        String plan = PythonHelper.callCode(DatasetLoader.SCRIPT, "plan", List.of(List.of(folder.resolve("table.parquet").toString()), List.of()));
        Path script = folder.resolve("parquet.py");
        Files.writeString(script, plan, StandardCharsets.UTF_8);
        PythonCheck.Result run = PythonCheck.run(folder, script.toString());
        JsonNode entry = PythonHelper.parse(run.output()).path("datasets").get(0);

        boolean hasReader = PythonCheck.run(folder, "-c", "import pyarrow").exitCode() == 0
                || PythonCheck.run(folder, "-c", "import fastparquet").exitCode() == 0;
        if (hasReader) {
            assertThat(entry.path("error").isNull()).isTrue();
        } else {
            assertThat(entry.path("error").asText()).contains("Parquet needs pyarrow or fastparquet").contains("convert table.parquet to CSV");
        }
    }
}
