package studio.codeact.cli;

import studio.codeact.session.CellStatus;
import studio.codeact.session.Session;
import studio.codeact.session.SessionStatus;
import studio.codeact.session.SessionStore;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The same deadly code in a kernel process: only the kernel dies; the app reports it and goes on. */
class ProcessDeathOnKernelEngineTest extends ProcessDeathScenarios {

    @Override
    String engine() {
        return "kernel";
    }

    @Override
    void checkDeadlyCode(String code, GuardedAsk.Result run, Path out) {
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("survived\n");
        Session session = SessionStore.read(out);
        assertThat(session.status()).isEqualTo(SessionStatus.ANSWERED);
        assertThat(session.cells().getFirst().status()).isEqualTo(CellStatus.DIED);
        assertThat(GuardedAsk.crashLogs(codeact.state())).isEmpty();
    }
}
