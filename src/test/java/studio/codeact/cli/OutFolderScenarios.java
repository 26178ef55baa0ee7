package studio.codeact.cli;

import org.junit.jupiter.api.Test;
import studio.codeact.session.SessionLock;
import studio.codeact.session.SessionStatus;
import studio.codeact.session.SessionStore;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, items 4 to 6: what {@code ask --out DIR} does with a folder that is taken, foreign or
 * already used; items 10 to 14: data files that cannot be tables, refused before any model call.
 */
abstract class OutFolderScenarios extends AskScenarios {

    @Test
    void aFolderThatIsNotASessionIsRefusedAndNothingInItTouched() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("my-analysis"));
        Files.writeString(mine.resolve("analysis.py"), "print('my own work')\n");
        Files.writeString(mine.resolve("notebook.ipynb"), "{\"mine\": true}");
        Files.createDirectories(mine.resolve("figures"));
        Files.write(mine.resolve("figures/001.png"), new byte[] {1, 2, 3});
        server.thenText("<solution>42</solution>");

        Run run = askInto(mine, "What is it?");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("is not empty and holds no CodeAct session, so nothing in it was touched");
        assertThat(Files.readString(mine.resolve("analysis.py"))).isEqualTo("print('my own work')\n");
        assertThat(Files.readString(mine.resolve("notebook.ipynb"))).isEqualTo("{\"mine\": true}");
        assertThat(Files.readAllBytes(mine.resolve("figures/001.png"))).containsExactly(1, 2, 3);
        try (var entries = Files.list(mine)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("analysis.py", "notebook.ipynb", "figures");
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aFolderHeldByAnotherRunIsRefusedNamingTheHolder() throws Exception {
        Path out = Files.createDirectories(dir.resolve("held"));
        server.thenText("<solution>42</solution>");
        try (SessionLock ignored = SessionLock.acquire(out, "codeact ask (the other run)")) {
            Run run = askInto(out, "What is it?");

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("is in use by process " + ProcessHandle.current().pid() + " (codeact ask (the other run))");
        }
        assertThat(out.resolve(SessionStore.SESSION_FILE)).doesNotExist();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aSecondRunOnAUsedFolderSaysHowToContinue() {
        Path out = dir.resolve("used");
        server.thenText("<solution>42</solution>").thenText("<solution>43</solution>");
        assertThat(askInto(out, "First question").exit()).isZero();

        Run again = askInto(out, "Second question");

        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("already holds a session").contains("codeact ask --resume " + out.toAbsolutePath())
                .contains("choose another --out folder");
        assertThat(SessionStore.read(out).status()).isEqualTo(SessionStatus.ANSWERED);
        assertThat(SessionStore.read(out).answer()).contains("42");
    }

    @Test
    void dataFilesThatCannotBeTablesAreRefusedBeforeAnyModelCall() throws Exception {
        byte[] noise = new byte[20 * 1024];
        new java.util.Random(12).nextBytes(noise);
        Path loop = dir.resolve("loop.csv");
        Files.createSymbolicLink(loop, dir.resolve("loop2.csv"));
        Files.createSymbolicLink(dir.resolve("loop2.csv"), loop);
        java.util.Map<Path, String> cases = new java.util.LinkedHashMap<>();
        cases.put(Files.createFile(dir.resolve("empty.csv")), "the file is empty");
        cases.put(Files.write(dir.resolve("picture.csv"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0}),
                "this is a PNG image, not a table");
        cases.put(Files.write(dir.resolve("noise.csv"), noise), "the content is binary");
        cases.put(Files.writeString(dir.resolve("broken.xlsx"), "not a workbook"), "not a valid Excel file");
        cases.put(loop, "symbolic-link loop");
        server.thenText("<solution>should not be asked</solution>");
        int n = 0;
        for (var bad : cases.entrySet()) {
            Run run = askInto(dir.resolve("bad-" + n++), "--data", bad.getKey().toString(), "Summarise it");

            assertThat(run.exit()).as(bad.getKey().toString()).isEqualTo(2);
            assertThat(run.err()).contains(bad.getValue());
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anEmptyReplyIsAModelErrorRetriedOnce() {
        server.thenNoChoices().thenNoChoices();

        Run run = askInto(dir.resolve("empty-twice"), "What is it?");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("sent an empty reply (no text, no code); asking once more")
                .contains("sent an empty reply twice");
        assertThat(server.requests()).hasSize(2);
        assertThat(SessionStore.read(dir.resolve("empty-twice")).status()).isEqualTo(SessionStatus.FAILED);
        assertThat(SessionStore.read(dir.resolve("empty-twice")).answer()).isEmpty();
    }

    @Test
    void oneEmptyReplyThenAnAnswerAnswers() {
        server.thenNoChoices().thenText("<solution>42</solution>");

        Run run = askInto(dir.resolve("empty-once"), "What is it?");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("42\n");
    }

    @Test
    void aCellPrintingHundredsOfMegabytesKeepsABoundedHeadAndTail() {
        server.thenText("<execute>\nimport sys\nchunk = ('y' * 1023 + '\\n') * 1024\nprint('first line')\n"
                        + "for _ in range(100):\n    sys.stdout.write(chunk)\nprint('last line')\n</execute>")
                .thenText("<solution>printed</solution>");
        Path out = dir.resolve("huge");

        Run run;
        try {
            run = askInto(out, "--output-limit", "20000", "--cell-timeout", "600", "Print a lot");
        } finally {
            studio.codeact.engine.OutputBound.setDefaultLimit(studio.codeact.engine.OutputBound.DEFAULT_LIMIT);
        }

        assertThat(run.exit()).as(run.err()).isZero();
        var outputs = SessionStore.read(out).cells().getFirst().outputs();
        assertThat(outputs).as(outputs.toString().substring(0, Math.min(2000, outputs.toString().length()))).hasSize(1);
        String kept = ((studio.codeact.engine.Output.Stream) outputs.getFirst()).text();
        assertThat(kept.length()).isLessThan(20_200);
        assertThat(kept).startsWith("first line\n").endsWith("last line\n").contains("characters (").contains("lines) cut from the middle");
        assertThat(observation(2)).contains("first line").contains("last line");
    }

    @Test
    void theSettingsFilesOutputLimitAppliesWhenNoFlagIsGiven() {
        new studio.codeact.llm.settings.SettingsFile(dir.resolve("settings.json")).update(root -> root.put("outputLimit", 5000));
        server.thenText("<execute>\nimport sys\nprint('first line')\nfor _ in range(20):\n    sys.stdout.write(('w' * 1023 + '\\n') * 1024)\nprint('last line')\n</execute>")
                .thenText("<solution>printed</solution>");
        Path out = dir.resolve("limited");

        Run run;
        try {
            run = askInto(out, "--cell-timeout", "600", "Print a lot");
        } finally {
            new studio.codeact.llm.settings.SettingsFile(dir.resolve("settings.json")).update(root -> root.remove("outputLimit"));
            studio.codeact.engine.OutputBound.setDefaultLimit(studio.codeact.engine.OutputBound.DEFAULT_LIMIT);
        }

        assertThat(run.exit()).as(run.err()).isZero();
        String kept = ((studio.codeact.engine.Output.Stream) SessionStore.read(out).cells().getFirst().outputs().getFirst()).text();
        assertThat(kept.length()).isLessThan(5_200);
        assertThat(kept).startsWith("first line\n").endsWith("last line\n").contains("cut from the middle");
    }

    @Test
    void aBadOutputLimitInTheSettingsFileSaysWhatToDo() {
        new studio.codeact.llm.settings.SettingsFile(dir.resolve("settings.json")).update(root -> root.put("outputLimit", "lots"));
        Run run;
        try {
            run = askInto(dir.resolve("bad-limit"), "What is it?");
        } finally {
            new studio.codeact.llm.settings.SettingsFile(dir.resolve("settings.json")).update(root -> root.remove("outputLimit"));
        }

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("\"outputLimit\" in the settings file").contains("at least 1000").contains("--output-limit CHARS");
        assertThat(server.requests()).isEmpty();
    }
}
