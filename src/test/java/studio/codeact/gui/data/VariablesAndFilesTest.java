package studio.codeact.gui.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.engine.VariableInfo;
import studio.codeact.gui.ScriptedEngine;
import studio.codeact.gui.UiExecutor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VariablesAndFilesTest {

    @Test
    void variablesComeFromTheEngineDirectly() {
        ScriptedEngine engine = new ScriptedEngine();
        engine.answerVariables(List.of(new VariableInfo("df", "DataFrame", "10 × 2", 160, "columns: a, b")));
        VariablesViewModel variables = new VariablesViewModel(() -> Optional.of(engine), UiExecutor.direct());
        variables.refresh();
        assertThat(variables.variables()).extracting(VariableInfo::name).containsExactly("df");
        assertThat(engine.variableCalls()).isEqualTo(1);
    }

    @Test
    void withoutAnEngineThereAreNoVariables() {
        VariablesViewModel variables = new VariablesViewModel(Optional::empty, UiExecutor.direct());
        variables.refresh();
        assertThat(variables.variables()).isEmpty();
    }

    @Test
    void filesAreListedNewestFirstWithoutHiddenOnes(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("clean.csv"), "a\n1\n");
        Files.createDirectories(folder.resolve("figures"));
        Files.write(folder.resolve("figures/plot.png"), new byte[2048]);
        Files.writeString(folder.resolve(".session.lock"), "");
        Files.setLastModifiedTime(folder.resolve("clean.csv"), FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        FilesViewModel files = new FilesViewModel(folder, UiExecutor.direct(), Runnable::run);
        files.refresh().join();
        assertThat(files.files()).extracting(FilesViewModel.FileEntry::relative).containsExactly("figures/plot.png", "clean.csv");
        assertThat(Sizes.bytes(files.files().getFirst().bytes())).isEqualTo("2.0 KB");
    }

    @Test
    void aListCutShortSaysSoInsteadOfLookingWhole(@TempDir Path folder) throws Exception {
        for (int i = 0; i <= FilesViewModel.MAX_FILES; i++) {
            Files.writeString(folder.resolve("part-" + i + ".csv"), "a\n" + i + "\n");
        }
        FilesViewModel files = new FilesViewModel(folder, UiExecutor.direct(), Runnable::run);
        files.refresh().join();
        assertThat(files.files()).hasSize(FilesViewModel.MAX_FILES);
        assertThat(files.problemProperty().get()).isEqualTo("Only the first 500 files are listed; open the folder to see all.");
    }

    @Test
    void aWholeListHasNoProblem(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("clean.csv"), "a\n1\n");
        FilesViewModel files = new FilesViewModel(folder, UiExecutor.direct(), Runnable::run);
        files.refresh().join();
        assertThat(files.problemProperty().get()).isEmpty();
    }
}
