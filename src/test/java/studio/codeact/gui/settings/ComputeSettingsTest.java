package studio.codeact.gui.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.llm.settings.SettingsFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ComputeSettingsTest {

    @TempDir
    Path dir;

    @Test
    void itsOwnSectionRoundTripsAndLeavesTheRestOfTheFile() throws Exception {
        SettingsFile file = new SettingsFile(dir.resolve("settings.json"));
        Files.writeString(file.path(), "{\"provider\": \"openai\"}");

        file.update(new ComputeSettings("2G", "", "tcp://10.0.0.5:8786")::writeTo);

        ComputeSettings read = ComputeSettings.load(file);
        assertThat(read).isEqualTo(new ComputeSettings("2G", "", "tcp://10.0.0.5:8786"));
        assertThat(Files.readString(file.path())).contains("\"provider\"");
        assertThat(read.memoryLimitBytes()).isEqualTo(2L << 30);
        assertThat(read.dataOptions().daskScheduler()).contains("tcp://10.0.0.5:8786");
        assertThat(read.dataOptions().eagerLimitBytes()).isZero();
    }

    @Test
    void theSettingsStorageReadsAndWritesItWithTheRestOfTheForm() throws Exception {
        SettingsFile file = new SettingsFile(dir.resolve("settings.json"));
        FileSettingsStorage storage = new FileSettingsStorage(file);
        SettingsForm form = storage.load();
        assertThat(form.compute()).isEqualTo(ComputeSettings.DEFAULTS);

        ComputeSettings chosen = new ComputeSettings("512M", "100M", "tcp://127.0.0.1:8786");
        storage.save(new SettingsForm(form.provider(), form.baseUrl(), form.model(), form.apiKey(), form.engine(), form.python(),
                form.kernelSpec(), form.turnLimit(), form.cellTimeoutSeconds(), form.schemaOnly(), form.dark(), form.fontSize(),
                form.prices(), form.jupyter(), form.sandbox(), chosen));

        assertThat(storage.load().compute()).isEqualTo(chosen);
        assertThat(ComputeSettings.load(file)).as("what the CLI and the agent read").isEqualTo(chosen);
    }

    @Test
    void badValuesAreSaidInASentence() {
        assertThat(new ComputeSettings("lots", "", "").problem()).hasValueSatisfying(text -> assertThat(text).contains("2G"));
        assertThat(new ComputeSettings("", "", "http://x").problem()).hasValueSatisfying(text -> assertThat(text).contains("tcp://HOST:PORT"));
        assertThat(new ComputeSettings("512M", "100M", "host:8786").problem()).isEqualTo(Optional.empty());
    }
}
