package studio.codeact.gui.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;
import studio.codeact.engine.PythonEngine;
import studio.codeact.gui.UiExecutor;
import studio.codeact.gui.UiStateStore;
import studio.codeact.gui.Workers;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.cells.NotebookViewModel;
import studio.codeact.gui.shell.Studio;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Figures about the desktop UI, printed, never asserted:
 * <ul>
 *   <li>{@code scroll}: a session of 200 cells and 50 figures scrolled top to bottom — frame gaps and heap after GC;</li>
 *   <li>{@code stall}: the FX thread's longest stall while a cell computes for 10 s in the real engine (printing as it goes)
 *       and a model reply streams into the chat at the same time.</li>
 * </ul>
 * Knobs (system properties): {@code bench.figures} (scroll, default 50), {@code bench.seconds} (stall: how long
 * the cell computes, default 10), {@code bench.stream=false} (stall: no model stream), {@code bench.engine=kernel} (stall: the kernel engine), {@code bench.linger.millis}.
 * Run on a display (or under {@code xvfb-run}):
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/codeact.jar:target/lib/* studio.codeact.gui.bench.UiBenchmark scroll|stall}
 */
public final class UiBenchmark {

    static final int CELLS = 200;
    static final int FIGURES = Integer.getInteger("bench.figures", 50);

    private UiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "scroll" : args[0];
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        int code = 0;
        try {
            switch (which) {
                case "scroll" -> scroll();
                case "stall" -> stall();
                default -> {
                    System.err.println("usage: UiBenchmark scroll|stall");
                    code = 2;
                }
            }
        } finally {
            Platform.exit();
        }
        System.exit(code);
    }

    /** 200 cells with printed output, 50 of them with a 640×480 figure; scroll through them all. */
    static void scroll() throws Exception {
        Path folder = Files.createTempDirectory("codeact-bench-");
        ExecutorService workers = Workers.create();
        java.util.function.BiFunction<studio.codeact.gui.settings.SettingsForm, Path, PythonEngine> noEngine = (settings, where) -> {
            throw new EngineException("the scroll benchmark runs no Python");
        };
        Studio studio = fx(() -> {
            Studio s = new Studio(new Stage(), new Studio.Config(noEngine, new UiStateStore(folder.resolve("window.json")),
                    folder, workers, file -> { },
                    new studio.codeact.gui.settings.FileSettingsStorage(new studio.codeact.llm.settings.SettingsFile(folder.resolve("settings.json"))),
                    context -> new studio.codeact.gui.assistant.NoAssistant("the scroll benchmark asks no model"), Studio.Config.realDoctor(), () -> { }));
            s.show();
            return s;
        });
        List<String> pngs = new ArrayList<>();
        for (int i = 0; i < FIGURES; i++) {
            pngs.add(chart(i));
        }
        long before = usedHeapAfterGc();
        long fill = System.nanoTime();
        fx(() -> {
            NotebookViewModel notebook = studio.model().notebook();
            for (int i = 0; i < CELLS; i++) {
                CellViewModel cell = notebook.beginAgentCell(code(i));
                List<Output> outputs = new ArrayList<>();
                outputs.add(new Output.Stream(Output.StreamName.STDOUT, "step " + i + ": rows=" + (1000 + i) + "\nmean=" + (i * 1.5) + "\n"));
                if (FIGURES > 0 && i % (CELLS / FIGURES) == 0) {
                    outputs.add(new Output.Display(new MimeBundle(Map.of(MimeBundle.IMAGE_PNG, pngs.get(i / (CELLS / FIGURES)),
                            MimeBundle.TEXT_PLAIN, "<Figure size 640x480 with 1 Axes>")), Map.of()));
                }
                outputs.forEach(output -> notebook.agentOutput(cell, output));
                notebook.agentFinished(cell, new ExecutionResult(ExecutionStatus.OK, i + 1, outputs, Optional.empty(), Duration.ofMillis(40), ""));
            }
            return null;
        });
        double fillMillis = (System.nanoTime() - fill) / 1e6;

        VirtualFlow<?> flow = fx(() -> (VirtualFlow<?>) studio.window().notebookView().list().lookup(".virtual-flow"));
        CompletableFuture<double[]> done = new CompletableFuture<>();
        fx(() -> {
            new AnimationTimer() {
                private long last;
                private final List<Long> gaps = new ArrayList<>();

                @Override
                public void handle(long now) {
                    if (last != 0) {
                        gaps.add(now - last);
                    }
                    last = now;
                    flow.scrollPixels(60);
                    if (flow.getPosition() >= 1.0) {
                        stop();
                        long[] sorted = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
                        double mean = gaps.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
                        double p95 = sorted.length == 0 ? 0 : sorted[(int) (sorted.length * 0.95)] / 1e6;
                        double max = sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
                        done.complete(new double[] {sorted.length, mean, p95, max});
                    }
                }
            }.start();
            return null;
        });
        double[] frames = done.get();
        long after = usedHeapAfterGc();
        System.out.printf(Locale.ROOT, "scroll: %d cells, %d figures (640x480 PNG) added in %.0f ms%n", CELLS, FIGURES, fillMillis);
        System.out.printf(Locale.ROOT, "scroll: %.0f frames top to bottom at 60 px/frame; frame gap mean %.1f ms, p95 %.1f ms, max %.1f ms%n",
                frames[0], frames[1], frames[2], frames[3]);
        System.out.printf(Locale.ROOT, "heap: %.0f MB used after GC with the session open (%.0f MB before filling it); max heap %.0f MB%n",
                after / 1e6, before / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        System.out.println("machine: " + load() + "; JavaFX pipeline " + System.getProperty("prism.order", "default"));
        Thread.sleep(Long.getLong("bench.linger.millis", 0));
        fx(() -> {
            studio.close();
            return null;
        });
        workers.shutdownNow();
    }

    /** A 10-second CPU-bound cell in the embedded engine while ~100 deltas a second stream into the chat. */
    static void stall() throws Exception {
        Path folder = Files.createTempDirectory("codeact-bench-");
        ExecutorService workers = Workers.create();
        studio.codeact.engine.EngineKind kind = studio.codeact.engine.EngineKind.parse(System.getProperty("bench.engine", "embedded"));
        new studio.codeact.gui.settings.FileSettingsStorage(new studio.codeact.llm.settings.SettingsFile(folder.resolve("settings.json")))
                .save(studio.codeact.gui.settings.SettingsForm.defaults().withEngine(kind));
        Studio app = fx(() -> {
            Studio s = new Studio(new Stage(), new Studio.Config(studio.codeact.gui.EngineFactory::create,
                    new UiStateStore(folder.resolve("window.json")), folder, workers, file -> { },
                    new studio.codeact.gui.settings.FileSettingsStorage(new studio.codeact.llm.settings.SettingsFile(folder.resolve("settings.json"))),
                    context -> new studio.codeact.gui.assistant.NoAssistant("the stall benchmark streams by itself"), Studio.Config.realDoctor(), () -> { }));
            s.show();
            return s;
        });
        // The window reads its settings (the engine kind) before it starts the engine.
        while (app.settings().engine() != kind) {
            Thread.sleep(20);
        }
        PythonEngine engine = app.model().engine().start().get();
        // warm: the imports are not what is measured
        engine.run("import time, pandas, matplotlib.pyplot as plt\nBENCH_SECONDS = " + Integer.getInteger("bench.seconds", 10));
        StringBuilder words = new StringBuilder("## Findings\n\n");
        // About 1,500 words the way replies look: paragraphs, some **bold** and `code`, a short list every few paragraphs.
        for (int i = 0; i < 1500; i++) {
            words.append(i % 7 == 3 ? "**word" + i + "** " : i % 11 == 5 ? "`col_" + i + "` " : "word" + i + " ");
            if (i % 60 == 59) {
                words.append(i % 300 == 299 ? "\n\n- first point\n- second point\n- third point\n\n" : "\n\n");
            }
        }
        studio.codeact.llm.scripted.ScriptedChatModel model = studio.codeact.llm.scripted.ScriptedChatModel
                .replying(words.toString()).withDeltaDelay(Duration.ofMillis(10));
        // Warm up first: the first cell editor, figure and chat reply load classes and styles once (measured separately below).
        long coldStart = System.nanoTime();
        CompletableFuture<ExecutionResult> warm = fx(() -> {
            app.model().chat().question("warm up");
            app.model().chat().assistantDelta("A **first** reply\n\n- with a list");
            app.model().chat().assistantDone(null);
            return app.model().notebook().run(app.model().notebook().addCell("plt.plot([1, 2]); plt.show()\nprint('warm')"));
        });
        warm.get();
        fx(() -> null);
        double coldMillis = (System.nanoTime() - coldStart) / 1e6;
        FxStallProbe probe = new FxStallProbe();
        fx(() -> {
            probe.start();
            return null;
        });
        Thread.sleep(500);
        CompletableFuture<Void> streamed = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger deltas = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime();
        CompletableFuture<ExecutionResult> cell = fx(() -> {
            var chat = app.model().chat();
            chat.question("Summarise the findings while the cell runs");
            return app.model().notebook().run(app.model().notebook().addCell(resource("stall_cell.py")));
        });
        if (!Boolean.parseBoolean(System.getProperty("bench.stream", "true"))) {
            streamed.complete(null);
        } else model.stream(studio.codeact.llm.ChatRequest.of("bench", List.of(studio.codeact.llm.ChatMessage.User.text("go"))),
                new studio.codeact.llm.StreamHandler() {
                    @Override
                    public void onTextDelta(String text) {
                        deltas.incrementAndGet();
                        UiExecutor.fx().execute(() -> app.model().chat().assistantDelta(text));
                    }

                    @Override
                    public void onComplete(studio.codeact.llm.ChatResponse response) {
                        UiExecutor.fx().execute(() -> app.model().chat().assistantDone(null));
                        streamed.complete(null);
                    }

                    @Override
                    public void onError(studio.codeact.llm.LlmException error) {
                        streamed.completeExceptionally(error);
                    }
                });
        ExecutionResult result = cell.get();
        streamed.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(300);
        fx(() -> {
            probe.close();
            return null;
        });
        System.out.printf(Locale.ROOT, "stall: warm-up (first cell with a figure, first chat reply) took %.0f ms, not measured below%n", coldMillis);
        System.out.printf(Locale.ROOT, "stall: engine %s; cell %s in %.1f s (%d chars printed); %d model deltas streamed over %.1f s%n",
                engine.kind().id(), result.status(), result.elapsed().toMillis() / 1000.0, result.stdout().length(), deltas.get(), seconds);
        System.out.printf(Locale.ROOT, "stall: FX thread longest stall %.1f ms (latest a task posted every %d ms ran: %d probes); longest gap between pulses %.1f ms over %d pulses%n",
                probe.worstLatencyMillis(), FxStallProbe.PERIOD_MILLIS, probe.probes(), probe.worstPulseGapMillis(), probe.pulses());
        System.out.println("machine: " + load());
        fx(() -> {
            app.close();
            return null;
        });
        workers.shutdownNow();
    }

    /** Step {@code i} of the scrolled session: every fourth one draws a figure. */
    private static String code(int i) {
        return "# step " + i + "\nstep = " + i + "\n" + resource(i % 4 == 0 ? "scroll_figure_cell.py" : "scroll_cell.py");
    }

    private static String resource(String name) {
        try (java.io.InputStream in = UiBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the application");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A line chart the size of matplotlib's default figure (640×480), different for each i. */
    private static String chart(int i) throws IOException {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.DARK_GRAY);
        g.drawRect(80, 58, 496, 370);
        g.setColor(new Color(31, 119, 180));
        g.setStroke(new BasicStroke(2));
        int previous = 240;
        for (int x = 0; x < 49; x++) {
            int y = 240 + (int) (150 * Math.sin((x + i) / 5.0) * Math.cos(x / (3.0 + i % 5)));
            g.drawLine(80 + x * 10, previous, 90 + x * 10, y);
            previous = y;
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** The machine's load average and cores, printed beside every figure: a shared machine's other work shows in them. */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average " + parts[0] + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors() + " cores";
        }
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static <T> T fx(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        UiExecutor.fx().execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get();
    }
}
