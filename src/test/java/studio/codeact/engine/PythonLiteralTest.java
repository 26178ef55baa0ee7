package studio.codeact.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.testing.PythonCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PythonLiteralTest {

    private static final List<String> AWKWARD = List.of(
            "", "plain", "/home/o'neil/x\\y", "say \"hi\"", "two\nlines\r\nand\ttabs", "bell\u0007 nul\u0000 del\u007f",
            "naïve café ✓ 😀", "lone \ud800 surrogate", "ends with a backslash\\", "'''\"\"\"");

    @Test
    void everyLiteralEvaluatesBackToItsTextInPython(@TempDir Path folder) throws Exception {
        StringBuilder script = new StringBuilder("import json\nvalues = [\n");
        for (String text : AWKWARD) {
            script.append("    ").append(PythonLiteral.string(text)).append(",\n");
        }
        script.append("]\nprint(json.dumps(values))\n");
        Path file = Files.writeString(folder.resolve("literals.py"), script.toString());

        PythonCheck.Result result = PythonCheck.run(folder, file.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        List<?> back = new ObjectMapper().readValue(result.output(), List.class);
        assertThat(back).isEqualTo(AWKWARD);
    }

    @Test
    void aNewlineNeverEndsTheLiteralsLine() {
        assertThat(PythonLiteral.string("a\nb")).isEqualTo("\"a\\nb\"").doesNotContain("\n");
    }
}
