package studio.codeact.engine.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import studio.codeact.engine.EngineEvent;
import studio.codeact.engine.EngineState;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.OutputListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static studio.codeact.engine.kernel.KernelTestSupport.config;
import static studio.codeact.engine.kernel.KernelTestSupport.run;
import static studio.codeact.engine.kernel.KernelTestSupport.value;

/** A kernel process that dies (or freezes) is reported, its cell ends, and a restart brings it back. */
class KernelDeathTest {

    /** A hang guard, not a measure: a death that is never reported fails the test instead of hanging the suite. */
    private static final long WAIT_SECONDS = 60;

    @AfterAll
    static void noKernelIsLeft() {
        KernelTestSupport.assertNoKernelProcessLeft();
    }

    @Test
    void aCellThatEndsTheProcessEndsDiedAndRestartWorks() throws Exception {
        try (KernelEngine engine = new KernelEngine(config())) {
            engine.start();
            assertThat(run(engine, "before_death = 1").ok()).isTrue();
            List<EngineEvent> events = new CopyOnWriteArrayList<>();
            engine.addListener(events::add);

            // how soon the death is reported is a figure of `codeact perf kernel` (death_report_ms)
            ExecutionResult died = engine.execute(ExecutionRequest.of("import os\nos._exit(1)"), OutputListener.NONE)
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(died.status()).isEqualTo(ExecutionStatus.DIED);
            assertThat(died.error().orElseThrow().evalue()).contains("the kernel died while running this cell").contains("exited with code 1");
            assertThat(died.note()).contains("restart");
            assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(EngineEvent.Died.class,
                    d -> assertThat(d.reason()).contains("exited with code 1")));
            assertThat(engine.state()).isEqualTo(EngineState.DEAD);
            assertThat(engine.connectionFile()).isEmpty();

            ExecutionResult whileDead = run(engine, "1 + 1");
            assertThat(whileDead.status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(whileDead.note()).contains("restart");

            engine.restart();
            assertThat(engine.state()).isEqualTo(EngineState.IDLE);
            assertThat(value(run(engine, "'before_death' in dir()"))).isEqualTo("False");
            assertThat(value(run(engine, "20 + 22"))).isEqualTo("42");
            assertThat(events).anyMatch(EngineEvent.Restarted.class::isInstance);
        }
    }

    @Test
    void aFrozenKernelIsReportedDeadThroughMissedHeartbeats() throws Exception {
        try (KernelEngine engine = new KernelEngine(config())) {
            engine.start();
            assertThat(run(engine, "pass").ok()).isTrue(); // the support setup is done
            List<EngineEvent> events = new CopyOnWriteArrayList<>();
            engine.addListener(events::add);

            // SIGSTOP freezes every thread, the heartbeat echo included; the process stays alive
            ExecutionResult frozen = engine.execute(ExecutionRequest.of("import os, signal\nos.kill(os.getpid(), signal.SIGSTOP)"),
                    OutputListener.NONE).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(frozen.status()).isEqualTo(ExecutionStatus.DIED);
            assertThat(frozen.error().orElseThrow().evalue()).contains("heartbeats");
            assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(EngineEvent.Died.class,
                    d -> assertThat(d.reason()).contains("heartbeats")));

            engine.restart();
            assertThat(value(run(engine, "6 * 7"))).isEqualTo("42");
        }
    }
}
