package studio.codeact.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Continuing a saved session, on the record's side: runs kept apart, old records still read, moved data files found. */
class SessionResumeTest {

    @TempDir
    Path dir;

    private static final String OLD_RECORD = """
            {"format":"codeact-session","version":1,"id":"old","created":"2026-11-02T10:00:00Z","updated":"2026-11-02T10:01:00Z",
             "status":"answered","failure":"","self_repair":false,
             "info":{"provider":"openai","model":"m","engine":"embedded","python_version":"3.11.2","action_mode":"tags",
                     "working_folder":"/w","max_turns":10,"system_prompt":"",
                     "datasets":[{"variable":"sales","path":"/gone/sales.csv","format":"csv","rows":3,"columns":2,"warnings":[]}]},
             "entries":[{"type":"question","text":"Mean?","at":"2026-11-02T10:00:01Z"},
                        {"type":"answer","text":"20","at":"2026-11-02T10:00:59Z"}]}
            """;

    @Test
    void aRecordWrittenBeforeRunsExistedReadsAsOneRun() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("old"));
        Files.writeString(folder.resolve(SessionStore.SESSION_FILE), OLD_RECORD);

        SessionResume saved = SessionResume.open(folder);

        assertThat(saved.session().entries()).hasSize(2);
        assertThat(saved.nextRun()).isEqualTo(2);
        assertThat(saved.workingFolder()).isEqualTo(folder.toAbsolutePath());
    }

    @Test
    void aLaterRunIsRecordedApartAndReadBack() {
        Session session = Session.start("s", Instant.parse("2026-12-04T10:00:00Z"), new SessionInfo("openai", "m", "embedded", "", "", "", 10, "", List.of()))
                .withEntry(new Entry.Question(Instant.parse("2026-12-04T10:00:01Z"), "first"))
                .withEntry(new Entry.Resumed(Instant.parse("2026-12-04T11:00:00Z"), 2, "kernel", "m2", List.of(1, 3), List.of(2), List.of(),
                        "Continued."))
                .withEntry(new Entry.Question(Instant.parse("2026-12-04T11:00:05Z"), "second"));

        Session read = SessionJson.read(SessionJson.write(session), figure -> Optional.empty());

        assertThat(read.entries()).isEqualTo(session.entries());
        assertThat(SessionResume.nextRun(read)).isEqualTo(3);
        assertThat(new String(SessionJson.write(session), StandardCharsets.UTF_8)).contains("\"type\" : \"resumed\"").contains("\"run\" : 2");
        assertThat(NotebookExport.toJson(read)).contains("## Run 2 (continued 2026-12-04T11:00:00Z)");
    }

    @Test
    void aMovedDataFileIsMissingUntilGivenByPathOrNameAndTheLoadingCodeReadsItFromThere() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("old"));
        Files.writeString(folder.resolve(SessionStore.SESSION_FILE), OLD_RECORD);
        Path now = Files.writeString(dir.resolve("sales.csv"), "region,price\n");
        SessionResume saved = SessionResume.open(folder);

        assertThat(saved.missingFiles(Map.of())).containsExactly("/gone/sales.csv");
        assertThat(saved.missingFiles(SessionResume.parseMoves(List.of("sales.csv=" + now)))).isEmpty();
        Map<String, Path> resolved = saved.resolvedMoves(SessionResume.parseMoves(List.of("/gone/sales.csv=" + now)));
        assertThat(resolved).containsEntry("/gone/sales.csv", now.toAbsolutePath());
        assertThat(SessionResume.remapCode("sales = pd.read_csv('/gone/sales.csv', sep=',')", resolved))
                .isEqualTo("sales = pd.read_csv(\"" + now.toAbsolutePath() + "\", sep=',')");
        assertThat(SessionResume.pythonRepr("it's\\here")).isEqualTo("\"it's\\\\here\"");
        assertThat(SessionResume.pythonRepr("/data/sales.csv")).isEqualTo("'/data/sales.csv'");
        assertThatThrownBy(() -> SessionResume.parseMoves(List.of("sales.csv"))).hasMessageContaining("OLD=NEW");
        assertThatThrownBy(() -> SessionResume.parseMoves(List.of("sales.csv=" + dir.resolve("nope.csv")))).hasMessageContaining("not a readable");
    }

    @Test
    void newSessionFoldersAndTheirFilesAreTheUsersAlone() throws Exception {
        Path folder = SessionFolders.create(dir.resolve("codeact-studio/sessions"), "mean price", Instant.now());
        SessionStore store = SessionStore.create(folder, Session.start("x", Instant.now(), new SessionInfo("", "", "", "", "", "", 1, "", List.of())));
        store.saveFigure(new byte[] {1, 2, 3});
        store.close();

        for (Path path : List.of(dir.resolve("codeact-studio"), dir.resolve("codeact-studio/sessions"), folder, folder.resolve("figures"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString()).isEqualTo("rwx------");
        }
        for (Path path : List.of(folder.resolve("session.json"), folder.resolve("figures/001.png"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString()).isEqualTo("rw-------");
        }
        assertThat(SessionFolders.reserve(dir.resolve("codeact-studio/sessions"), "q", Instant.now())).doesNotExist();
    }
}
