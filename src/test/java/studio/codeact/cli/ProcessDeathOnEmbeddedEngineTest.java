package studio.codeact.cli;

import org.junit.jupiter.api.Test;
import studio.codeact.session.SessionStore;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Deadly model code in the app's own process: the guard decides the exit code and closes the session. */
class ProcessDeathOnEmbeddedEngineTest extends ProcessDeathScenarios {

    @Override
    String engine() {
        return "embedded";
    }

    @Override
    void checkDeadlyCode(String code, GuardedAsk.Result run, Path out) {
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).as("stdout carries nothing but an answer").isEmpty();
        assertThat(run.err()).contains("the embedded Python crashed the app").contains("in cell 1")
                .contains("the session is saved in " + out.toAbsolutePath()).contains("--engine kernel");
        assertCrashed(SessionStore.read(out), code);
        assertExported(out);
    }

    @Test
    void theJvmCrashLogGoesToTheAppsLogFolderAndItsBannerNotToStdout() {
        server.thenText(SEGFAULT);
        Path out = home.resolve("banner");

        GuardedAsk.Result run = codeact.ask(out, "Crash please");

        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("A fatal error has been detected").contains("a native fault in cell 1");
        assertThat(GuardedAsk.crashLogs(codeact.state())).hasSize(1);
        assertThat(run.err()).contains("crash log: " + codeact.state());
    }
}
