package studio.codeact.cli.perf;

import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.TablePage;
import studio.codeact.engine.TableQuery;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Measures any {@link PythonEngine} the same way, so {@code perf kernel} and {@code perf embedded}
 * print comparable figures: start-to-ready, {@code 1+1} round trip, stdout throughput, a
 * 1000×1000-pixel figure, how long an interrupt takes to stop a busy loop, and (optionally) the
 * first page of a 10-million-row DataFrame.
 */
public final class EngineBenchmark {

    /** Bytes of stdout the throughput run prints (20 MB). */
    static final int STREAM_LINES = 20_000;
    static final int LINE_BYTES = 1024;

    private EngineBenchmark() {
    }

    /**
     * Runs every measurement on a fresh engine from {@code factory} and closes it.
     *
     * @param roundTrips how many {@code 1+1} cells to time after warm-up
     * @param tableRows  rows of the DataFrame whose first page is timed; 0 skips that measurement
     */
    public static Map<String, Object> measure(Supplier<PythonEngine> factory, int roundTrips, long tableRows) {
        return measure(factory, roundTrips, tableRows, engine -> { });
    }

    /**
     * {@link #measure(Supplier, int, long)}, then {@code whileRunning} on the still running engine
     * before it is closed (e.g. to time another client against the same kernel in the same run).
     */
    public static Map<String, Object> measure(Supplier<PythonEngine> factory, int roundTrips, long tableRows,
                                              Consumer<PythonEngine> whileRunning) {
        Map<String, Object> figures = new LinkedHashMap<>();
        long started = System.nanoTime();
        try (PythonEngine engine = factory.get()) {
            engine.start();
            figures.put("start_to_ready_ms", millis(System.nanoTime() - started));
            figures.putAll(roundTrip(engine, roundTrips));
            figures.put("stdout_mb_per_s", round(stdoutThroughput(engine)));
            figures.put("figure_1000px_ms", round(figureMillis(engine)));
            figures.put("interrupt_ms", round(interruptMillis(engine)));
            if (tableRows > 0) {
                figures.put("first_page_10m_rows_ms", round(firstPageMillis(engine, tableRows)));
            }
            whileRunning.accept(engine);
        }
        return figures;
    }

    static Map<String, Object> roundTrip(PythonEngine engine, int n) {
        ExecutionRequest onePlusOne = ExecutionRequest.of("1+1");
        for (int i = 0; i < Math.max(50, n / 5); i++) {
            check(engine.execute(onePlusOne, OutputListener.NONE).join());
        }
        long[] samples = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            ExecutionResult result = engine.execute(onePlusOne, OutputListener.NONE).join();
            samples[i] = System.nanoTime() - t0;
            check(result);
        }
        Arrays.sort(samples);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("round_trip_n", n);
        out.put("round_trip_median_ms", millis(samples[n / 2]));
        out.put("round_trip_p95_ms", millis(samples[Math.min(n - 1, (int) Math.ceil(n * 0.95) - 1)]));
        return out;
    }

    static double stdoutThroughput(PythonEngine engine) {
        AtomicLong received = new AtomicLong();
        OutputListener counter = output -> {
            if (output instanceof Output.Stream stream) {
                received.addAndGet(stream.text().length());
            }
        };
        String code = "import sys\n_line = 'x' * " + (LINE_BYTES - 1) + " + '\\n'\nfor _ in range(" + STREAM_LINES + "):\n    sys.stdout.write(_line)\n";
        long t0 = System.nanoTime();
        check(engine.execute(ExecutionRequest.of(code), counter).join());
        double seconds = (System.nanoTime() - t0) / 1e9;
        long expected = (long) STREAM_LINES * LINE_BYTES;
        if (received.get() != expected) {
            throw new IllegalStateException("stdout benchmark received " + received.get() + " characters, expected " + expected);
        }
        return expected / 1e6 / seconds;
    }

    static double figureMillis(PythonEngine engine) {
        check(engine.execute(ExecutionRequest.of("import matplotlib.pyplot as plt"), OutputListener.NONE).join());
        String code = "fig = plt.figure(figsize=(10, 10), dpi=100)\nplt.plot(range(100))\nplt.show()";
        long t0 = System.nanoTime();
        ExecutionResult result = engine.execute(ExecutionRequest.of(code), OutputListener.NONE).join();
        double ms = millis(System.nanoTime() - t0);
        check(result);
        boolean gotPng = result.outputs().stream().anyMatch(o -> o instanceof Output.Display d && d.data().has(MimeBundle.IMAGE_PNG));
        if (!gotPng) {
            throw new IllegalStateException("the figure benchmark received no PNG");
        }
        return ms;
    }

    /** From {@code interrupt()} to the result of a busy loop that printed its first line (KeyboardInterrupt). */
    static double interruptMillis(PythonEngine engine) {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        var running = engine.execute(ExecutionRequest.of("print('looping', flush=True)\nwhile True:\n    pass"), output -> started.countDown());
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the busy loop to start", e);
        }
        long t0 = System.nanoTime();
        engine.interrupt();
        ExecutionResult result = running.join();
        double ms = millis(System.nanoTime() - t0);
        if (result.error().map(error -> !error.ename().equals("KeyboardInterrupt")).orElse(true)) {
            throw new IllegalStateException("the interrupt benchmark's loop did not end with KeyboardInterrupt: " + result.status());
        }
        return ms;
    }

    static double firstPageMillis(PythonEngine engine, long rows) {
        String frame = BenchFrame.SCRIPT + "\nbench_frame = _codeact_bench_frame(" + rows + ")";
        check(engine.execute(new ExecutionRequest(frame, null, true, false), OutputListener.NONE).join());
        engine.readTable(TableQuery.page("bench_frame", 0, 100)).join();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            TablePage page = engine.readTable(TableQuery.page("bench_frame", 1000L * i, 100)).join();
            best = Math.min(best, System.nanoTime() - t0);
            if (page.rowCount() != 100 || page.totalRows() != rows) {
                throw new IllegalStateException("the table benchmark read a wrong page");
            }
        }
        check(engine.execute(new ExecutionRequest("del bench_frame", null, true, false), OutputListener.NONE).join());
        return millis(best);
    }

    private static void check(ExecutionResult result) {
        if (!result.ok()) {
            throw new IllegalStateException("benchmark cell failed: " + result.error().map(Output.Error::summary).orElse(result.status().name()));
        }
    }

    static double millis(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** The Python that makes the first-page benchmark's frame ({@code bench_frame.py}). */
    private static final class BenchFrame {
        static final String SCRIPT = read();

        private static String read() {
            try (java.io.InputStream in = EngineBenchmark.class.getResourceAsStream("bench_frame.py")) {
                if (in == null) {
                    throw new IllegalStateException("bench_frame.py is missing from the application");
                }
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
