package studio.codeact.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Kills a process that is recording a session, at several moments, and reads what it left. */
class SessionKillTest {

    @TempDir
    Path folder;

    @Test
    void killingTheProcessAtAnyMomentLeavesAReadableSession() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        long[] delays = {5, 40, 120, 300, 700};
        for (int round = 0; round < delays.length; round++) {
            Path session = folder.resolve("session-" + round);
            Process victim = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    SessionWriterProcess.class.getName(), session.toString())).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).as("the victim started writing").isEqualTo("writing");
            Thread.sleep(delays[round]);
            victim.destroyForcibly();
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();

            Session left = SessionStore.read(session);

            assertThat(left.id()).isEqualTo("victim");
            assertThat(left.entries()).as("round %d", round).isNotEmpty();
            assertThat(left.entries().getLast()).isInstanceOf(Entry.Question.class);
        }
    }
}
