package studio.codeact.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import studio.codeact.cli.perf.HugeOutputBenchmark;
import studio.codeact.testing.LiveHeap;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 3 at engine level: a cell printing hundreds of megabytes under either local
 * engine keeps a bounded head and tail with a count of what was cut, every chunk still reaches
 * the listener, and neither the app's process nor the kernel's grows with the amount printed.
 */
class HugeOutputFloodTest {

    /** What one cell prints here: enough to show unbounded growth (it was 10× this), small enough for the suite. */
    private static final int MEGABYTES = 200;
    private static final int LIMIT = 20_000;
    /**
     * What the kernel may grow by besides twice the bound: its iopub send queue (1,000 messages of
     * at most 128K characters, {@code codeact_support._bound_kernel_streams}); measured at 60–65 MB.
     */
    private static final long KERNEL_OVERHEAD = 128L << 20;
    /**
     * What the app's process may grow by besides twice the bound: the embedded Python's own
     * buffers and what the serial collector (the app's, and this suite's) may add to a heap that
     * other tests of this JVM already filled. Measured 1–2 MB for 200 MB printed; with G1 it was
     * 110–640 MB, and before the iopub back-pressure reached the event thread, hundreds of MB of
     * queued messages.
     */
    private static final long JVM_OVERHEAD = 96L << 20;

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED", "KERNEL"})
    void aCellPrintingHundredsOfMegabytesKeepsHeadAndTailInBoundedMemory(EngineKind kind) throws Exception {
        try (PythonEngine engine = Engines.create(kind, EngineConfig.of(PythonLocator.choose(null)))) {
            engine.start();
            engine.execute(ExecutionRequest.of("x = 1"), OutputListener.NONE).get(60, TimeUnit.SECONDS);
            LongSupplier kernel = kernelRss(kind);
            long heapBefore = LiveHeap.bytes();
            long jvmBefore = rss(ProcessHandle.current().pid());
            long kernelBefore = kernel.getAsLong();
            AtomicLong jvmPeak = new AtomicLong(jvmBefore);
            AtomicLong kernelPeak = new AtomicLong(kernelBefore);
            AtomicLong received = new AtomicLong();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    jvmPeak.accumulateAndGet(rss(ProcessHandle.current().pid()), Math::max);
                    kernelPeak.accumulateAndGet(kernel.getAsLong(), Math::max);
                    try {
                        Thread.sleep(10); // a sampling period, not a wait for anything
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            ExecutionResult result;
            OutputBound.setDefaultLimit(LIMIT);
            try {
                result = engine.execute(ExecutionRequest.of("""
                        import sys
                        print('first line')
                        _chunk = ('y' * 1023 + '\\n') * 1024
                        for _ in range(%d):
                            sys.stdout.write(_chunk)
                        del _chunk
                        print('last line')""".formatted(MEGABYTES)), output -> {
                    if (output instanceof Output.Stream stream) {
                        received.addAndGet(stream.text().length());
                    }
                }).get(600, TimeUnit.SECONDS);
            } finally {
                OutputBound.setDefaultLimit(OutputBound.DEFAULT_LIMIT);
                sampler.interrupt();
                sampler.join();
            }

            long printed = MEGABYTES * 1024L * 1024 + "first line\nlast line\n".length();
            assertThat(result.status()).as("%s", result.error()).isEqualTo(ExecutionStatus.OK);
            assertThat(received.get()).as("every chunk reaches the listener").isEqualTo(printed);
            List<Output> kept = result.outputs();
            assertThat(kept).hasSize(1);
            String text = ((Output.Stream) kept.getFirst()).text();
            assertThat(text.length()).isLessThan(LIMIT + 200);
            assertThat(text).startsWith("first line\nyyy").endsWith("y\nlast line\n");
            Matcher cut = Pattern.compile("\\[\u2026 ([0-9,]+) characters \\(([0-9,]+) lines\\) cut from the middle \u2026\\]").matcher(text);
            assertThat(cut.find()).as("the count of what was cut").isTrue();
            long cutChars = Long.parseLong(cut.group(1).replace(",", ""));
            assertThat(cutChars + text.length() - cut.group().length() - 2).as("kept + cut = printed").isEqualTo(printed);

            long bound = 2L * LIMIT * 2; // two bytes a character at most, twice the bound
            long heapAfter = LiveHeap.bytes();
            String figures = "JVM %d → %d MB (heap %d → %d MB after GC), kernel %d → %d MB".formatted(jvmBefore >> 20, jvmPeak.get() >> 20,
                    heapBefore >> 20, heapAfter >> 20, kernelBefore >> 20, kernelPeak.get() >> 20);
            System.out.println(kind + " " + MEGABYTES + " MB: " + figures);
            assertThat(heapAfter - heapBefore).as("what the app keeps: " + figures).isLessThan(bound + (16L << 20));
            assertThat(kernelPeak.get() - kernelBefore).as("the kernel's growth: " + figures).isLessThan(bound + KERNEL_OVERHEAD);
            assertThat(jvmPeak.get() - jvmBefore).as("the app's growth: " + figures).isLessThan(bound + JVM_OVERHEAD);
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"EMBEDDED"}) // the kernel engine's: KernelFloodTest
    void anInterruptDuringAFloodTheListenerIsBehindOnStopsTheCell(EngineKind kind) throws Exception {
        try (PythonEngine engine = Engines.create(kind, EngineConfig.of(PythonLocator.choose(null)))) {
            engine.start();
            AtomicLong received = new AtomicLong();
            java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
            ExecutionResult flood = engine.execute(ExecutionRequest.of("""
                    import sys
                    _chunk = ('i' * 1023 + '\\n') * 1024
                    while True:
                        sys.stdout.write(_chunk)"""), output -> {
                if (output instanceof Output.Stream stream) {
                    if (received.addAndGet(stream.text().length()) > (64L << 20) && interrupted.compareAndSet(false, true)) {
                        engine.interrupt();
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(4_000_000); // a slow listener, not a wait for anything
                }
            }).get(300, TimeUnit.SECONDS);

            assertThat(flood.status()).isEqualTo(ExecutionStatus.ERROR);
            assertThat(flood.error().orElseThrow().ename()).isEqualTo("KeyboardInterrupt");
            assertThat(engine.execute(ExecutionRequest.of("del _chunk\n1 + 1"), OutputListener.NONE).get(60, TimeUnit.SECONDS)
                    .result().orElseThrow().data().text()).isEqualTo("2");
        }
    }

    /** The kernel's resident size, 0 for the embedded engine (it is the app's process). */
    private static LongSupplier kernelRss(EngineKind kind) {
        if (kind != EngineKind.KERNEL) {
            return () -> 0;
        }
        List<ProcessHandle> kernels = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("ipykernel")).toList();
        assertThat(kernels).as("the kernel's process").isNotEmpty();
        long pid = kernels.getLast().pid();
        return () -> rss(pid);
    }


    private static long rss(long pid) {
        return HugeOutputBenchmark.rssBytes(pid);
    }
}
