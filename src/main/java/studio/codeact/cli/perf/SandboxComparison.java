package studio.codeact.cli.perf;

import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.sandbox.SandboxConfig;
import studio.codeact.engine.sandbox.SandboxStatus;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Start time and {@code 1+1} round trip of one engine kind with the sandbox on and off, in one run:
 * {@value #ROUNDS} engines of each, started alternately (off, on, off, on …) so drift in the
 * machine's load hits both alike; medians are reported. Targets (issue 12): round trips within 5 %,
 * start at most 50 ms slower.
 */
final class SandboxComparison {

    static final int ROUNDS = 3;

    private SandboxComparison() {
    }

    static Map<String, Object> measure(EngineKind kind, EngineConfig base, int roundTrips) {
        double[][] start = new double[2][ROUNDS];
        double[][] trip = new double[2][ROUNDS];
        try (PythonEngine warm = Engines.create(kind, base.withSandbox(SandboxConfig.off()))) {
            warm.start(); // the embedded interpreter itself, and the JIT, before anything is timed
            EngineBenchmark.roundTrip(warm, roundTrips);
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int on = 0; on < 2; on++) {
                SandboxConfig sandbox = on == 1 ? SandboxConfig.defaults() : SandboxConfig.off();
                try (PythonEngine engine = Engines.create(kind, base.withSandbox(sandbox))) {
                    long began = System.nanoTime();
                    engine.start();
                    start[on][round] = EngineBenchmark.millis(System.nanoTime() - began);
                    trip[on][round] = ((Number) EngineBenchmark.roundTrip(engine, roundTrips).get("round_trip_median_ms")).doubleValue();
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mechanism", SandboxStatus.probe().available() ? SandboxStatus.probe().mechanism() : SandboxStatus.probe().label(true));
        out.put("engines_each", ROUNDS);
        out.put("start_off_ms", median(start[0]));
        out.put("start_on_ms", median(start[1]));
        out.put("start_delta_ms", EngineBenchmark.round(median(start[1]) - median(start[0])));
        out.put("round_trip_off_median_ms", median(trip[0]));
        out.put("round_trip_on_median_ms", median(trip[1]));
        out.put("round_trip_ratio_on_over_off", EngineBenchmark.round(median(trip[1]) / median(trip[0])));
        out.put("start_target_met", median(start[1]) - median(start[0]) <= 50);
        out.put("round_trip_target_met", Math.abs(median(trip[1]) / median(trip[0]) - 1) <= 0.05);
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return EngineBenchmark.round(sorted[sorted.length / 2]);
    }
}
