package studio.codeact.engine.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.engine.Completion;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.Inspection;
import studio.codeact.engine.Output;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;
import studio.codeact.engine.TableColumn;
import studio.codeact.engine.TablePage;
import studio.codeact.engine.TableQuery;
import studio.codeact.engine.VariableInfo;
import studio.codeact.llm.settings.SettingsFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second line of defence on every path out of a local engine: a key configured in the
 * settings file and one in the environment (surefire sets {@code CODEACT_SENTINEL_API_KEY}),
 * printed by model code in pieces, shown as a table, as a variable, by completion and inspection,
 * and as the prompt of {@code input()}: none may come out.
 */
class RedactionPathsTest {

    static final String SETTINGS_KEY = "sk-sentinel-settings-e41b77c0";
    static final String ENV_KEY = SandboxAttackTest.ENV_KEY;
    /** Python that builds both keys without writing them whole in the code. */
    static final String KEYS = "settings_key = 'sk-sentinel-' + 'settings-e41b77c0'\nenv_key = 'sk-sentinel-' + 'env-7f3a9c21d4e8'\n";

    @TempDir
    Path temp;
    PythonEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private void start(EngineKind kind) throws IOException {
        SettingsFile settings = new SettingsFile(temp.resolve("settings.json"));
        Files.writeString(settings.path(), "{\"llm\": {\"openai\": {\"apiKey\": \"" + SETTINGS_KEY + "\"}}}");
        SandboxConfig sandbox = SandboxConfig.defaults().withEnabled(SandboxStatus.probe().available()).withSecretValues(settings.keyValues());
        Path work = Files.createDirectories(temp.resolve("work"));
        engine = Engines.create(kind, EngineConfig.of(PythonLocator.choose(null)).withWorkingDirectory(work).withSandbox(sandbox));
        engine.start();
        ExecutionResult defined = engine.run(KEYS + """
                import pandas as pd
                table = pd.DataFrame({'name': ['plain', settings_key], env_key: [1, 2]}, index=['row', env_key])
                holder = {settings_key: 1, 'other': 2}
                """);
        assertThat(defined.ok()).as(String.valueOf(defined.error())).isTrue();
    }

    private static void assertNoKey(String text) {
        assertThat(text).doesNotContain(SETTINGS_KEY).doesNotContain(ENV_KEY).doesNotContain("settings-e41b77c0").doesNotContain("env-7f3a9c21d4e8");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"})
    void aKeyWrittenInTwoStreamChunksIsRedactedOnScreenAndInTheResult(EngineKind kind) throws IOException {
        start(kind);
        List<Output> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        // two flushed writes with a pause between, so the key leaves the interpreter in two messages
        ExecutionResult result = engine.execute(ExecutionRequest.of(KEYS + """
                import sys, time
                for key in (settings_key, env_key):
                    sys.stdout.write('key: ' + key[:13]); sys.stdout.flush(); time.sleep(0.3)
                    sys.stdout.write(key[13:] + ' end\\n'); sys.stdout.flush(); time.sleep(0.3)
                """), seen::add).join();
        assertThat(result.ok()).as(String.valueOf(result.error())).isTrue();
        String onScreen = seen.stream().map(output -> ((Output.Stream) output).text()).collect(Collectors.joining());
        assertNoKey(onScreen);
        assertThat(onScreen).isEqualTo("key: [redacted] end\nkey: [redacted] end\n");
        assertThat(result.stdout()).isEqualTo(onScreen);
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"})
    void tablePagesShowNoKeyInCellsIndexOrColumnNames(EngineKind kind) throws IOException {
        start(kind);
        TablePage page = engine.readTable(TableQuery.page("table", 0, 10)).join();
        String all = page.index() + " " + page.columns().stream()
                .map(column -> column.name() + "=" + (column instanceof TableColumn.Texts texts ? Arrays.toString(texts.values()) : ""))
                .collect(Collectors.joining(" "));
        assertNoKey(all);
        assertThat(all).contains("[redacted]").contains("plain");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"})
    void theVariablesPanelShowsNoKey(EngineKind kind) throws IOException {
        start(kind);
        engine.run("preview = 'the key is ' + settings_key");
        List<VariableInfo> variables = engine.variables().join();
        String all = variables.stream().map(VariableInfo::toString).collect(Collectors.joining("\n"));
        assertNoKey(all);
        assertThat(variables).anySatisfy(v -> assertThat(v.name()).isEqualTo("preview"));
        assertThat(all).contains("[redacted]");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"})
    void completionAndInspectionShowNoKey(EngineKind kind) throws IOException {
        start(kind);
        String code = "holder['sk-sen";
        Completion completion = engine.complete(code, code.length()).join();
        assertThat(completion.matches()).isNotEmpty();
        completion.matches().forEach(RedactionPathsTest::assertNoKey);
        assertThat(completion.matches()).anySatisfy(match -> assertThat(match).contains("[redacted]"));
        Inspection inspection = engine.inspect("env_key", 7, 0).join();
        assertThat(inspection.found()).isTrue();
        inspection.data().data().values().forEach(RedactionPathsTest::assertNoKey);
        assertThat(inspection.data().text()).contains("[redacted]");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"})
    void thePromptOfInputShowsNoKey(EngineKind kind) throws IOException {
        start(kind);
        List<String> prompts = new ArrayList<>();
        engine.setStdinHandler((prompt, password) -> {
            prompts.add(prompt);
            return Optional.of("typed");
        });
        ExecutionResult result = engine.run("answer = input('paste ' + env_key + ': ')\nanswer");
        assertThat(result.ok()).as(String.valueOf(result.error())).isTrue();
        assertThat(prompts).hasSize(1);
        assertNoKey(prompts.getFirst());
        assertThat(prompts.getFirst()).contains("[redacted]");
        assertNoKey(Stream.of(result.outputs().toString()).collect(Collectors.joining()));
    }
}
