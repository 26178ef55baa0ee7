package studio.codeact.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The sample data: reproducible from its generator, small, documented, and true to its questions. */
class SamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void generatorReproducesTheCommittedFilesByteForByte(@TempDir Path out) throws Exception {
        SamplesFolder.Run run = SamplesFolder.python(180, SamplesFolder.path().resolve("generate.py"), "--out", out);
        assertThat(run.exitCode()).as(run.describe()).isZero();

        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactlyElementsOf(SamplesFolder.DATA_SETS.stream().sorted().toList());
        }
        for (String name : SamplesFolder.DATA_SETS) {
            byte[] committed = Files.readAllBytes(SamplesFolder.path().resolve(name));
            byte[] generated = Files.readAllBytes(out.resolve(name));
            if (!Arrays.equals(committed, generated)) {
                fail("%s differs from a fresh run of samples/generate.py (%s); run the generator and commit its files",
                        name, firstDifference(committed, generated));
            }
        }
    }

    @Test
    void everyDataSetIsSmall() throws IOException {
        for (String name : SamplesFolder.DATA_SETS) {
            assertThat(Files.size(SamplesFolder.path().resolve(name))).as(name).isBetween(1_000L, 1_000_000L);
        }
    }

    @Test
    void readmeDescribesEveryDataSetWithThreeQuestions() throws IOException {
        String readme = Files.readString(SamplesFolder.path().resolve("README.md"), StandardCharsets.UTF_8);
        for (String name : SamplesFolder.DATA_SETS) {
            Matcher section = Pattern.compile("(?s)^## `" + Pattern.quote(name) + "`\\n(.*?)(?=^## |\\z)", Pattern.MULTILINE)
                    .matcher(readme);
            assertThat(section.find()).as("a README section for " + name).isTrue();
            String body = section.group(1);
            assertThat(body).as(name).contains("What is in it:", "Questions:");
            String questions = body.substring(body.indexOf("Questions:"));
            assertThat(Pattern.compile("(?m)^\\d\\. \\S.+$").matcher(questions).results().count())
                    .as("numbered questions for " + name).isEqualTo(3);
        }
    }

    /** One dynamic test per premise in premises.py, so a failure names the question it breaks. */
    @TestFactory
    Stream<DynamicTest> premisesOfTheReadmeQuestionsHold() throws Exception {
        SamplesFolder.Run run = SamplesFolder.python(180, SamplesFolder.resource("premises.py"), SamplesFolder.path());
        List<JsonNode> results = run.lines().stream().filter(l -> l.startsWith("{")).map(SamplesTest::parse).toList();
        assertThat(results).as(run.describe()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(run.exitCode() == 0).as(run.describe()).isEqualTo(results.stream().allMatch(r -> r.get("ok").asBoolean()));
        for (String prefix : List.of("retail_", "churn_", "sensor_", "workforce_")) {
            assertThat(results).as("premises for " + prefix).anyMatch(r -> r.get("name").asText().startsWith(prefix));
        }
        return results.stream().map(result -> DynamicTest.dynamicTest(result.get("name").asText(), () ->
                assertThat(result.get("ok").asBoolean()).as(result.get("detail").asText()).isTrue()));
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static String firstDifference(byte[] committed, byte[] generated) {
        int limit = Math.min(committed.length, generated.length);
        int line = 1;
        for (int i = 0; i < limit; i++) {
            if (committed[i] != generated[i]) {
                return "first difference at byte " + i + ", line " + line;
            }
            if (committed[i] == '\n') {
                line++;
            }
        }
        return "sizes " + committed.length + " and " + generated.length;
    }
}
