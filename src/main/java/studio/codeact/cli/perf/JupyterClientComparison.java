package studio.codeact.cli.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonEngine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Our {@code 1+1} round trip and Python jupyter_client's, on the same kernel, interleaved in
 * small blocks so both see the same machine load ({@code jupyter_client_roundtrip.py serve}).
 * A cell ends for both when its execute_reply and its iopub idle status have arrived. The
 * kernel's own share (request sent → idle status stamped by the kernel, from the Python
 * side's cells) bounds the ratio any client could reach.
 */
final class JupyterClientComparison {

    static final List<String> METHODS = List.of("execute_interactive", "execute_then_wait");
    static final int BLOCK = 20;

    private final ObjectMapper json = new ObjectMapper();

    /** Runs {@code n} cells per side in blocks of {@value #BLOCK}; returns the figures by name. */
    Map<String, Object> compare(PythonEngine engine, Path python, Path script, Path connectionFile, int n) {
        List<String> command = List.of(python.toString(), script.toString(), "serve", "--connection-file", connectionFile.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the jupyter_client comparison", e);
        }
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            if (out.readLine() == null) {
                throw new EngineException("the jupyter_client comparison did not start; is python3-jupyter-client installed for " + python + "?");
            }
            List<Double> ours = new ArrayList<>();
            Map<String, List<Double>> theirs = new LinkedHashMap<>();
            List<Double> kernel = new ArrayList<>();
            ExecutionRequest cell = ExecutionRequest.of("1+1");
            for (int done = 0; done < n; done += BLOCK) {
                int count = Math.min(BLOCK, n - done);
                for (int i = 0; i < count; i++) {
                    long t0 = System.nanoTime();
                    engine.execute(cell, OutputListener.NONE).join();
                    ours.add((System.nanoTime() - t0) / 1e6);
                }
                for (String method : METHODS) {
                    in.write(method + " " + count + "\n");
                    in.flush();
                    String line = out.readLine();
                    if (line == null) {
                        throw new EngineException("the jupyter_client comparison stopped early");
                    }
                    JsonNode answer = json.readTree(line);
                    answer.path("ms").forEach(ms -> theirs.computeIfAbsent(method, m -> new ArrayList<>()).add(ms.asDouble()));
                    answer.path("kernel_ms").forEach(ms -> kernel.add(ms.asDouble()));
                }
            }
            return figures(ours, theirs, kernel, n);
        } catch (IOException e) {
            throw new UncheckedIOException("the jupyter_client comparison failed", e);
        } finally {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Map<String, Object> figures(List<Double> ours, Map<String, List<Double>> theirs, List<Double> kernel, int n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n_per_side", n);
        out.put("block", BLOCK);
        out.put("ours_median_ms", percentile(ours, 50));
        out.put("ours_p95_ms", percentile(ours, 95));
        String best = null;
        for (Map.Entry<String, List<Double>> entry : theirs.entrySet()) {
            double median = percentile(entry.getValue(), 50);
            out.put("jupyter_client_" + entry.getKey() + "_median_ms", median);
            out.put("jupyter_client_" + entry.getKey() + "_p95_ms", percentile(entry.getValue(), 95));
            if (best == null || median < percentile(theirs.get(best), 50)) {
                best = entry.getKey();
            }
        }
        double theirBest = percentile(theirs.get(best), 50);
        out.put("jupyter_client_best", best);
        out.put("jupyter_client_median_ms", theirBest);
        out.put("ratio_ours_over_jupyter_client", EngineBenchmark.round(percentile(ours, 50) / theirBest));
        // from the request to the kernel stamping its idle status: the kernel's own share of a round trip
        double floor = percentile(kernel, 50);
        out.put("kernel_share_median_ms", floor);
        out.put("best_possible_ratio_for_a_zero_cost_client", EngineBenchmark.round(floor / theirBest));
        return out;
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
        return EngineBenchmark.round(sorted.get(index));
    }
}
