package studio.codeact.gui.settings;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.EngineKind;
import studio.codeact.gui.Doctor;
import studio.codeact.gui.UiExecutor;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsViewModelTest {

    private final List<SettingsForm> saved = new ArrayList<>();
    private SettingsForm stored = SettingsForm.defaults();
    private final SettingsStorage storage = new SettingsStorage() {
        @Override
        public SettingsForm load() {
            return stored;
        }

        @Override
        public void save(SettingsForm form) {
            saved.add(form);
        }

        @Override
        public List<String> listModels(SettingsForm form) {
            if (form.baseUrl().contains("down")) {
                throw new IllegalStateException("could not reach http://down.example/v1: connection refused");
            }
            return List.of("llama3.1:8b", "qwen2.5-coder:7b");
        }
    };
    private final SettingsViewModel settings = new SettingsViewModel(storage,
            (python, kind) -> python.contains("bad") ? new Doctor.Report(false, "Python 3.11 lacks sklearn.", Doctor.APT_COMMAND)
                    : new Doctor.Report(true, "Python 3.11 is ready.", ""),
            UiExecutor.direct(), Runnable::run);

    @Test
    void loadingShowsTheStoredValuesAndChecksPython() {
        stored = new SettingsForm(ProviderChoice.ANTHROPIC, null, "claude-sonnet-4-5", "sk-ant-secret", EngineKind.KERNEL,
                "/opt/venv/bin/python", "", 20, 60, true, true, 15);
        settings.load().join();
        assertThat(settings.form()).isEqualTo(stored);
        assertThat(settings.pythonOkProperty().get()).isTrue();
        assertThat(settings.doctorSummaryProperty().get()).isEqualTo("Python 3.11 is ready.");
    }

    @Test
    void choosingOllamaFillsItsLocalUrlAndNeedsNoKey() {
        settings.show(SettingsForm.defaults());
        settings.providerProperty().set(ProviderChoice.OLLAMA);
        assertThat(settings.baseUrlProperty().get()).isEqualTo("http://localhost:11434/v1");
        settings.refreshModels().join();
        assertThat(settings.models()).containsExactly("llama3.1:8b", "qwen2.5-coder:7b");
        assertThat(settings.modelProperty().get()).isEqualTo("llama3.1:8b");
        assertThat(settings.form().modelConfigured()).isTrue();
    }

    @Test
    void aCustomUrlTypedByTheUserIsKeptWhenSwitchingProvider() {
        settings.show(SettingsForm.defaults());
        settings.providerProperty().set(ProviderChoice.CUSTOM);
        settings.baseUrlProperty().set("http://gpu-box:8000/v1");
        settings.providerProperty().set(ProviderChoice.OLLAMA);
        assertThat(settings.baseUrlProperty().get()).isEqualTo("http://gpu-box:8000/v1");
    }

    @Test
    void anUnreachableServerSaysSoInsteadOfListing() {
        settings.show(SettingsForm.defaults());
        settings.baseUrlProperty().set("http://down.example/v1");
        settings.refreshModels().join();
        assertThat(settings.models()).isEmpty();
        assertThat(settings.modelsMessageProperty().get()).isEqualTo("Could not reach http://down.example/v1: connection refused.");
    }

    @Test
    void aPythonWithoutPackagesShowsTheFixCommand() {
        settings.pythonProperty().set("/usr/local/bin/bad-python");
        settings.checkPython().join();
        assertThat(settings.pythonOkProperty().get()).isFalse();
        assertThat(settings.doctorFixProperty().get()).startsWith("sudo apt-get install").contains("python3-sklearn");
    }

    @Test
    void savingWritesTheFormAndTheKeyNeverShowsInText() {
        settings.show(SettingsForm.defaults());
        settings.apiKeyProperty().set("sk-very-secret");
        settings.modelProperty().set("gpt-4o-mini");
        SettingsForm form = settings.save().join();
        assertThat(saved).containsExactly(form);
        assertThat(form.apiKey()).isEqualTo("sk-very-secret");
        assertThat(form.toString()).doesNotContain("sk-very-secret");
    }

    @Test
    void aModelNeedsAKeyOnlyWhereTheProviderDoes() {
        assertThat(new SettingsForm(ProviderChoice.OPENAI, null, "gpt-4o", "", null, "", "", 0, 0, false, false, 13).modelConfigured()).isFalse();
        assertThat(new SettingsForm(ProviderChoice.CUSTOM, "http://x/v1", "m", "", null, "", "", 0, 0, false, false, 13).modelConfigured()).isTrue();
        assertThat(ProviderChoice.of("openai", "http://localhost:11434/v1")).isEqualTo(ProviderChoice.OLLAMA);
        assertThat(ProviderChoice.of("openai", "")).isEqualTo(ProviderChoice.OPENAI);
        assertThat(ProviderChoice.of("anthropic", "")).isEqualTo(ProviderChoice.ANTHROPIC);
        assertThat(ProviderChoice.of("openai", "http://gpu:8000/v1")).isEqualTo(ProviderChoice.CUSTOM);
    }
}
