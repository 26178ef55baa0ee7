package studio.codeact.llm.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class SettingsFileTest {

    @TempDir
    Path home;

    private SettingsFile inXdg() {
        return new SettingsFile(SettingsFile.standardPath(Map.of("XDG_CONFIG_HOME", home.resolve("xdg").toString()), "/nonexistent"));
    }

    @Test
    void theStandardLocationFollowsXdgConfigHome() {
        assertThat(SettingsFile.standardPath(Map.of("XDG_CONFIG_HOME", "/cfg"), "/home/ana"))
                .isEqualTo(Path.of("/cfg/codeact-studio/settings.json"));
        assertThat(SettingsFile.standardPath(Map.of(), "/home/ana"))
                .isEqualTo(Path.of("/home/ana/.config/codeact-studio/settings.json"));
        assertThat(SettingsFile.standardPath(Map.of("XDG_CONFIG_HOME", "relative/dir"), "/home/ana"))
                .as("a relative XDG_CONFIG_HOME is ignored").isEqualTo(Path.of("/home/ana/.config/codeact-studio/settings.json"));
    }

    @Test
    void aMissingFileReadsAsEmpty() {
        assertThat(inXdg().read()).isEmpty();
    }

    @Test
    void theFileIsCreatedReadableByItsOwnerOnly() throws Exception {
        SettingsFile file = inXdg();

        file.update(root -> root.put("python", "/usr/bin/python3"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path().getParent()))).isEqualTo("rwx------");
        assertThat(file.read().path("python").asText()).isEqualTo("/usr/bin/python3");
    }

    @Test
    void rewritingAFileOthersCouldReadMakesItOwnerOnly() throws Exception {
        SettingsFile file = inXdg();
        Files.createDirectories(file.path().getParent());
        Files.writeString(file.path(), "{\"python\": \"/opt/py\"}");
        Files.setPosixFilePermissions(file.path(), PosixFilePermissions.fromString("rw-r--r--"));

        file.update(root -> root.put("theme", "dark"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        assertThat(file.read().path("python").asText()).isEqualTo("/opt/py");
        try (var leftovers = Files.list(file.path().getParent())) {
            assertThat(leftovers).containsExactly(file.path());
        }
    }

    @Test
    void savingModelSettingsKeepsKeysItDoesNotKnow() throws Exception {
        SettingsFile file = inXdg();
        Files.createDirectories(file.path().getParent());
        Files.writeString(file.path(), """
                {"python": "/usr/bin/python3", "gui": {"theme": "dark", "split": 0.4},
                 "llm": {"provider": "openai", "visionModels": ["gpt-4o"], "openai": {"apiKey": "old", "organization": "org-1"}}}
                """);

        ModelSettings.load(file).withEndpoint(studio.codeact.llm.Provider.OPENAI,
                new ModelSettings.Endpoint("http://localhost:11434/v1", "new-key", "qwen2.5-coder")).save(file);

        ObjectNode root = file.read();
        assertThat(root.path("python").asText()).isEqualTo("/usr/bin/python3");
        assertThat(root.path("gui").path("theme").asText()).isEqualTo("dark");
        assertThat(root.path("llm").path("visionModels").get(0).asText()).isEqualTo("gpt-4o");
        assertThat(root.path("llm").path("openai").path("organization").asText()).isEqualTo("org-1");
        assertThat(root.path("llm").path("openai").path("apiKey").asText()).isEqualTo("new-key");
        assertThat(root.path("llm").path("openai").path("baseUrl").asText()).isEqualTo("http://localhost:11434/v1");
    }

    @Test
    void aFileThatIsNotJsonIsAClearError() throws Exception {
        SettingsFile file = inXdg();
        Files.createDirectories(file.path().getParent());
        Files.writeString(file.path(), "{\"python\": ");

        Throwable error = catchThrowable(file::read);

        assertThat(error).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.path().toString()).hasMessageContaining("not valid JSON").hasMessageContaining("fix it or delete it");
    }

    @Test
    void modelSettingsSurviveARoundTrip() {
        SettingsFile file = inXdg();
        ModelSettings settings = ModelSettings.DEFAULTS.withProvider(studio.codeact.llm.Provider.ANTHROPIC)
                .withEndpoint(studio.codeact.llm.Provider.ANTHROPIC, new ModelSettings.Endpoint(null, "sk-ant-1", "claude-x"))
                .withTimeouts(new studio.codeact.llm.Timeouts(java.time.Duration.ofSeconds(5), java.time.Duration.ofMillis(1500),
                        java.time.Duration.ofSeconds(30)))
                .withMaxRetries(4);

        settings.save(file);

        assertThat(ModelSettings.load(file)).isEqualTo(settings);
        assertThat(settings.toString()).doesNotContain("sk-ant-1");
    }

    @Test
    void badValuesInTheFileAreClearErrors() {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.putObject("llm").putObject("timeouts").put("idleSeconds", -3);

        assertThat(catchThrowable(() -> ModelSettings.fromJson(root))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("llm.timeouts.idleSeconds");

        ObjectNode other = new ObjectMapper().createObjectNode();
        other.putObject("llm").put("provider", "gemini");
        assertThat(catchThrowable(() -> ModelSettings.fromJson(other))).hasMessageContaining("unknown provider 'gemini'");
    }
}
