package studio.codeact.cli.perf;

import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputBound;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonEngine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code codeact perf embedded|kernel}: a cell prints {@code megabytes} MB (1 MB writes) and the
 * figures say how fast the output flowed and how much memory the app's process needed meanwhile:
 * its resident size before and at peak ({@code VmRSS}, sampled every 20 ms), the heap in use
 * after the last collection, and what the result kept (bounded by {@link OutputBound}).
 */
public final class HugeOutputBenchmark {

    private HugeOutputBenchmark() {
    }

    static Map<String, Object> measure(PythonEngine engine, int megabytes) {
        Map<String, Object> figures = new LinkedHashMap<>();
        if (megabytes <= 0) {
            return figures;
        }
        System.gc();
        long before = rssBytes();
        AtomicLong peak = new AtomicLong(before);
        // the kernel engine's Python runs in its own process: its growth counts too
        java.util.Optional<ProcessHandle> kernel = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("ipykernel")).reduce((a, b) -> b);
        long kernelBefore = kernel.map(p -> rssBytes(p.pid())).orElse(0L);
        AtomicLong kernelPeak = new AtomicLong(kernelBefore);
        AtomicLong received = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().name("codeact-perf-rss").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rssBytes(), Math::max);
                kernel.ifPresent(p -> kernelPeak.accumulateAndGet(rssBytes(p.pid()), Math::max));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        OutputListener counter = output -> {
            if (output instanceof Output.Stream stream) {
                received.addAndGet(stream.text().length());
            }
        };
        String code = "import sys\n_mb = 'x' * 1023 + '\\n'\n_mb = _mb * 1024\nfor _ in range(" + megabytes + "):\n    sys.stdout.write(_mb)\ndel _mb\n";
        long t0 = System.nanoTime();
        ExecutionResult result = engine.execute(ExecutionRequest.of(code), counter).join();
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        peak.accumulateAndGet(rssBytes(), Math::max);
        long kept = result.outputs().stream().filter(Output.Stream.class::isInstance).mapToLong(o -> ((Output.Stream) o).text().length()).sum();
        figures.put("huge_output_mb", megabytes);
        figures.put("huge_output_status", result.status().name().toLowerCase(java.util.Locale.ROOT));
        figures.put("huge_output_mb_per_s", Math.round(megabytes * 1.048576 / seconds * 10) / 10.0);
        figures.put("huge_output_chars_received", received.get());
        figures.put("huge_output_chars_kept", kept);
        figures.put("output_limit_chars", OutputBound.defaultLimit());
        figures.put("rss_before_mb", mb(before));
        figures.put("rss_peak_mb", mb(peak.get()));
        figures.put("rss_growth_mb", mb(peak.get() - before));
        if (kernel.isPresent()) {
            figures.put("kernel_rss_before_mb", mb(kernelBefore));
            figures.put("kernel_rss_peak_mb", mb(kernelPeak.get()));
            figures.put("kernel_rss_growth_mb", mb(kernelPeak.get() - kernelBefore));
        }
        // the target: growth within twice what the bound keeps (two bytes a character at most)
        figures.put("twice_the_bound_mb", mb(2L * 2 * OutputBound.defaultLimit()));
        figures.put("heap_after_gc_mb", mb(heapAfterGc()));
        figures.put("max_heap_mb", mb(Runtime.getRuntime().maxMemory()));
        return figures;
    }

    /** The process's resident set ({@code VmRSS} of /proc/self/status), 0 where there is none. */
    static long rssBytes() {
        return rssBytes(ProcessHandle.current().pid());
    }

    /** The resident set of process {@code pid}, 0 where there is none. */
    public static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static long heapAfterGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }

    private static double mb(long bytes) {
        return Math.round(bytes / 1048576.0 * 10) / 10.0;
    }
}
