package studio.codeact.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class BundledFilesTest {

    private static final Path SOURCE = Path.of("src/main/resources/studio/codeact/bench");

    @Test
    void indexListsEveryPythonAndSuiteFile() throws Exception {
        try (Stream<Path> files = Files.walk(SOURCE)) {
            var onDisk = files.filter(Files::isRegularFile)
                    .map(path -> SOURCE.relativize(path).toString().replace('\\', '/'))
                    .filter(name -> name.startsWith("python/") || name.startsWith("suite/"))
                    .filter(name -> !name.contains("__pycache__"))
                    .sorted().toList();
            assertThat(BundledFiles.index()).containsExactlyElementsOf(onDisk);
        }
    }

    @Test
    void unpacksTheHarnessAndTheBuiltinSuite() {
        assertThat(BundledFiles.harnessFolder().resolve("codeact_bench/harness.py")).isRegularFile();
        assertThat(BundledFiles.builtinSuite().resolve("tools.py")).isRegularFile();
        assertThat(BundledFiles.builtinSuite().resolve("tasks")).isDirectory();
    }
}
