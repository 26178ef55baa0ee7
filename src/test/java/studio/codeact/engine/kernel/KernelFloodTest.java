package studio.codeact.engine.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import studio.codeact.cli.perf.HugeOutputBenchmark;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputListener;
import studio.codeact.testing.StalledFlood;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static studio.codeact.engine.kernel.KernelTestSupport.config;
import static studio.codeact.engine.kernel.KernelTestSupport.run;
import static studio.codeact.engine.kernel.KernelTestSupport.value;

/**
 * Issue 13 item 3, the kernel engine's back-pressure: with a listener slower than the kernel
 * prints, the app stops reading iopub ({@code SocketLoop}) and the kernel waits instead of
 * dropping ({@code ZMQ_XPUB_NODROP}); meanwhile stdin, the heartbeat and interrupts still flow,
 * nothing is lost, and the kernel's memory stays bounded.
 */
class KernelFloodTest {

    /** A listener that takes a while per chunk: slower than the kernel prints, so the backlog fills. */
    private static final long SLOW_NANOS = 4_000_000;

    @AfterAll
    static void noKernelIsLeft() {
        KernelTestSupport.assertNoKernelProcessLeft();
    }

    @Test
    void anInterruptDuringAFloodStopsTheCellAndNothingIsLost() throws Exception {
        try (KernelEngine engine = new KernelEngine(config())) {
            engine.start();
            long kernelPid = kernelPid();
            long kernelBefore = rss(kernelPid);
            AtomicLong kernelPeak = new AtomicLong(kernelBefore);
            AtomicLong received = new AtomicLong();
            AtomicBoolean interrupted = new AtomicBoolean();
            OutputListener slow = output -> {
                if (output instanceof Output.Stream stream) {
                    kernelPeak.accumulateAndGet(rss(kernelPid), Math::max);
                    if (received.addAndGet(stream.text().length()) > (64L << 20) && interrupted.compareAndSet(false, true)) {
                        engine.interrupt();
                    }
                    LockSupport.parkNanos(SLOW_NANOS); // a slow consumer, not a wait for anything
                }
            };
            ExecutionResult flood = engine.execute(ExecutionRequest.of("""
                    import sys
                    _chunk = ('f' * 1023 + '\\n') * 1024
                    while True:
                        sys.stdout.write(_chunk)"""), slow).get(300, TimeUnit.SECONDS);

            assertThat(flood.status()).isEqualTo(ExecutionStatus.ERROR);
            assertThat(flood.error().orElseThrow().ename()).isEqualTo("KeyboardInterrupt");
            assertThat(((Output.Stream) flood.outputs().getFirst()).text()).contains("cut from the middle");
            assertThat(kernelPeak.get() - kernelBefore).as("the kernel's growth while it waited for the app").isLessThan(160L << 20);
            assertThat(value(run(engine, "del _chunk\n1 + 1"))).isEqualTo("2");
        }
    }

    @Test
    void inputIsAnsweredWhileTheAppIsBehindOnOutput() throws Exception {
        try (KernelEngine engine = new KernelEngine(config())) {
            engine.start();
            engine.setStdinHandler((prompt, password) -> Optional.of("answer to " + prompt.strip()));
            AtomicLong received = new AtomicLong();
            AtomicBoolean answered = new AtomicBoolean();
            OutputListener slow = output -> {
                if (output instanceof Output.Stream stream) {
                    received.addAndGet(stream.text().length());
                    answered.compareAndSet(false, stream.text().contains("answer to name?"));
                    LockSupport.parkNanos(SLOW_NANOS);
                }
            };
            ExecutionResult asked = engine.execute(ExecutionRequest.of("""
                    import sys
                    _chunk = ('g' * 1023 + '\\n') * 1024
                    for _ in range(40):
                        sys.stdout.write(_chunk)
                    print(input('name?'))
                    for _ in range(40):
                        sys.stdout.write(_chunk)
                    print('the end')"""), slow).get(300, TimeUnit.SECONDS);

            assertThat(asked.status()).as("%s", asked.error()).isEqualTo(ExecutionStatus.OK);
            String text = ((Output.Stream) asked.outputs().getFirst()).text();
            assertThat(text).endsWith("g\nthe end\n");
            assertThat(answered).as("the answer, printed between the floods").isTrue();
            assertThat(received.get()).as("every chunk arrived").isGreaterThanOrEqualTo(80L * 1024 * 1024 + "answer to name?\nthe end\n".length());
        }
    }

    @Test
    void aStalledListenerHoldsTheKernelBackNotTheAppsMemory() throws Exception {
        try (KernelEngine engine = new KernelEngine(config())) {
            engine.start();
            assertThat(StalledFlood.heldWhileStalled(engine, 256)).as("what the app held while its listener stalled").isLessThan(12L << 20);
        }
    }

    private static long kernelPid() {
        return ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains("ipykernel"))
                .reduce((a, b) -> b).orElseThrow().pid();
    }

    private static long rss(long pid) {
        return HugeOutputBenchmark.rssBytes(pid);
    }
}
