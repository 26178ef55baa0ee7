package studio.codeact.cli.perf;

import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.sandbox.SandboxConfig;
import studio.codeact.engine.sandbox.SandboxStatus;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Start time and {@code 1+1} round trip of one engine kind with the sandbox on and off, in one run:
 * {@value #ROUNDS} engines of each (or as many as asked), started alternately (off, on, on, off …),
 * and each pair's {@code 1+1} cells alternating between its two engines, so drift in the machine's
 * load hits both alike; medians are reported (round trips over all cells of a side). Targets (issue 12): round
 * trips within 5 %, start at most 50 ms slower. For an engine with its own process (the kernel) the
 * CPU time that process used until its first cell had run (start, support setup, one {@code 1+1})
 * is reported too: it moves much less than the wall-clock start with the load of a shared machine.
 */
final class SandboxComparison {

    static final int ROUNDS = 3;

    private SandboxComparison() {
    }

    static Map<String, Object> measure(EngineKind kind, EngineConfig base, int roundTrips) {
        return measure(kind, base, roundTrips, ROUNDS);
    }

    static Map<String, Object> measure(EngineKind kind, EngineConfig base, int roundTrips, int rounds) {
        ExecutionRequest onePlusOne = ExecutionRequest.of("1+1");
        double[][] start = new double[2][rounds];
        double[][] cpu = new double[2][rounds];
        double[][] trip = new double[2][rounds * roundTrips];
        try (PythonEngine warm = Engines.create(kind, base.withSandbox(SandboxConfig.off()))) {
            warm.start(); // the embedded interpreter itself, and the JIT, before anything is timed
            EngineBenchmark.roundTrip(warm, roundTrips);
        }
        try (PythonEngine warm = Engines.create(kind, base.withSandbox(SandboxConfig.defaults()))) {
            warm.start(); // the sandbox's own first use in this JVM: the Landlock probe, its classes
        }
        for (int round = 0; round < rounds; round++) {
            PythonEngine[] engines = new PythonEngine[2];
            try {
                for (int k = 0; k < 2; k++) {
                    int on = (k + round) % 2; // off first in even rounds, on first in odd ones
                    engines[on] = Engines.create(kind, base.withSandbox(on == 1 ? SandboxConfig.defaults() : SandboxConfig.off()));
                    long began = System.nanoTime();
                    engines[on].start();
                    start[on][round] = EngineBenchmark.millis(System.nanoTime() - began);
                    engines[on].execute(onePlusOne, OutputListener.NONE).join(); // after the support setup: an idle kernel
                    cpu[on][round] = processCpuMillis(engines[on]);
                }
                for (int i = 0; i < Math.max(50, roundTrips / 5); i++) {
                    for (PythonEngine engine : engines) {
                        engine.execute(onePlusOne, OutputListener.NONE).join();
                    }
                }
                // cells alternate between the two engines, so the machine's load hits both alike
                for (int i = 0; i < roundTrips; i++) {
                    for (int on = 0; on < 2; on++) {
                        long t0 = System.nanoTime();
                        ExecutionResult result = engines[on].execute(onePlusOne, OutputListener.NONE).join();
                        trip[on][round * roundTrips + i] = EngineBenchmark.millis(System.nanoTime() - t0);
                        if (!result.ok()) {
                            throw new IllegalStateException("1+1 failed in the sandbox comparison: " + result.status());
                        }
                    }
                }
            } finally {
                for (PythonEngine engine : engines) {
                    if (engine != null) {
                        engine.close();
                    }
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mechanism", SandboxStatus.probe().available() ? SandboxStatus.probe().mechanism() : SandboxStatus.probe().label(true));
        out.put("engines_each", rounds);
        out.put("start_off_ms", median(start[0]));
        out.put("start_on_ms", median(start[1]));
        out.put("start_delta_ms", EngineBenchmark.round(median(start[1]) - median(start[0])));
        if (cpu[0][0] >= 0) {
            out.put("cpu_to_first_cell_off_ms", median(cpu[0]));
            out.put("cpu_to_first_cell_on_ms", median(cpu[1]));
            out.put("cpu_to_first_cell_delta_ms", EngineBenchmark.round(median(cpu[1]) - median(cpu[0])));
        }
        out.put("round_trip_off_median_ms", median(trip[0]));
        out.put("round_trip_on_median_ms", median(trip[1]));
        out.put("round_trip_ratio_on_over_off", EngineBenchmark.round(median(trip[1]) / median(trip[0])));
        out.put("start_target_met", median(start[1]) - median(start[0]) <= 50);
        out.put("round_trip_target_met", Math.abs(median(trip[1]) / median(trip[0]) - 1) <= 0.05);
        return out;
    }

    /** CPU time the engine's own process has used so far, or -1 when it has none of its own. */
    private static double processCpuMillis(PythonEngine engine) {
        String pid = engine.info().details().get("pid");
        if (pid == null) {
            return -1;
        }
        return ProcessHandle.of(Long.parseLong(pid)).flatMap(process -> process.info().totalCpuDuration())
                .map(duration -> duration.toNanos() / 1e6).orElse(-1.0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return EngineBenchmark.round(sorted[sorted.length / 2]);
    }
}
