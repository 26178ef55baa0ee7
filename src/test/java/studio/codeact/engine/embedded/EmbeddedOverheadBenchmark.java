package studio.codeact.engine.embedded;

import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonLocator;
import studio.codeact.engine.StdinHandler;

import java.util.Arrays;

/**
 * Prints how much the embedded engine adds on top of IPython's {@code run_cell} for a {@code 1+1}
 * cell: a round trip through {@link EmbeddedEngine#execute} against the same cell run directly
 * on the interpreter's thread (C API call, {@code run_cell}, the result's upcall and decoding),
 * interleaved so that drift in the machine's load hits both alike. Not a test; run by hand:
 * {@code java --enable-native-access=ALL-UNNAMED -cp … studio.codeact.engine.embedded.EmbeddedOverheadBenchmark [n]}.
 */
public final class EmbeddedOverheadBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        try (EmbeddedEngine engine = new EmbeddedEngine(EngineConfig.of(PythonLocator.choose(null)))) {
            engine.start();
            ExecutionRequest cell = ExecutionRequest.of("1+1");
            for (int i = 0; i < 500; i++) {
                engine.execute(cell, OutputListener.NONE).join();
            }
            EmbeddedInterpreter interpreter = EmbeddedInterpreter.obtain(PythonLocator.probe(PythonLocator.choose(null)));
            int id = engineId(engine);
            EventThread events = new EventThread();
            Execution.Owner owner = new Execution.Owner() {
                public int id() { return id; }
                public EventThread events() { return events; }
                public StdinHandler stdin() { return StdinHandler.REFUSE; }
                public long memoryLimit() { return Long.MAX_VALUE; }
                public long memoryBaseline() { return 0; }
                public java.time.Duration interruptGrace() { return java.time.Duration.ofSeconds(5); }
                public void running(Execution execution, boolean running) { }
            };
            long[] roundTrips = new long[n];
            long[] direct = new long[n];
            long[] overhead = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                engine.execute(cell, OutputListener.NONE).join();
                roundTrips[i] = System.nanoTime() - t0;
                direct[i] = interpreter.submit(api -> {
                    interpreter.upcalls.attach(new Execution(owner, cell, OutputListener.NONE));
                    long t1 = System.nanoTime();
                    interpreter.bridge.execute(api, id, "1+1", false, true);
                    long took = System.nanoTime() - t1;
                    interpreter.upcalls.detach();
                    return took;
                }).join();
                overhead[i] = roundTrips[i] - direct[i];
            }
            events.close(1000);
            System.out.printf("round trip median %.1f µs (p95 %.1f), on the Python thread %.1f µs (p95 %.1f), "
                            + "engine overhead median %.1f µs (of per-cell differences)%n",
                    percentile(roundTrips, 0.5), percentile(roundTrips, 0.95), percentile(direct, 0.5), percentile(direct, 0.95),
                    percentile(overhead, 0.5));
        }
    }

    private static int engineId(EmbeddedEngine engine) throws ReflectiveOperationException {
        var field = EmbeddedEngine.class.getDeclaredField("id");
        field.setAccessible(true);
        return field.getInt(engine);
    }

    private static double percentile(long[] samples, double share) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * share))] / 1e3;
    }
}
