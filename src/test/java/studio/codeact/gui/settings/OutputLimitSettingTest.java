package studio.codeact.gui.settings;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.engine.OutputBound;
import studio.codeact.llm.settings.SettingsFile;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings → Assistant → Output limit: the settings file's "outputLimit", shared with {@code codeact ask}. */
class OutputLimitSettingTest {

    @AfterEach
    void defaultAgain() {
        OutputBound.setDefaultLimit(OutputBound.DEFAULT_LIMIT);
    }

    @Test
    void savedLimitIsReadAppliedAndOtherKeysStay(@TempDir Path dir) {
        SettingsFile file = new SettingsFile(dir.resolve("settings.json"));
        assertThat(OutputLimitSetting.load(file)).isEqualTo(OutputBound.DEFAULT_LIMIT);
        file.update(root -> root.put("engine", "kernel"));

        OutputLimitSetting.save(file, 20_000);

        assertThat(file.read().path("outputLimit").asInt()).isEqualTo(20_000);
        assertThat(file.read().path("engine").asText()).isEqualTo("kernel");
        OutputBound.setDefaultLimit(OutputBound.DEFAULT_LIMIT);
        assertThat(OutputLimitSetting.apply(file)).isEqualTo(20_000);
        assertThat(OutputBound.defaultLimit()).isEqualTo(20_000);
    }

    @Test
    void anUnusableValueFallsBackAndTheFieldSaysWhy(@TempDir Path dir) {
        SettingsFile file = new SettingsFile(dir.resolve("settings.json"));
        file.update(root -> root.put("outputLimit", "lots"));
        assertThat(OutputLimitSetting.load(file)).isEqualTo(OutputBound.DEFAULT_LIMIT);

        assertThat(OutputLimitSetting.problem("lots")).contains("the output limit is a whole number of characters, e.g. 100000");
        assertThat(OutputLimitSetting.problem("10")).contains("the output limit must be at least 1000 characters");
        assertThat(OutputLimitSetting.problem("250,000")).isEmpty();
        assertThat(OutputLimitSetting.parse("250,000")).isEqualTo(250_000);
    }
}
