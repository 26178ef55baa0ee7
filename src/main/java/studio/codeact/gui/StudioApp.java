package studio.codeact.gui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import studio.codeact.gui.assistant.AgentAssistant;
import studio.codeact.gui.demo.DemoLibrary;
import studio.codeact.session.SessionFolders;
import studio.codeact.gui.settings.FileSettingsStorage;
import studio.codeact.gui.shell.Studio;
import studio.codeact.llm.settings.SettingsFile;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** The JavaFX application: one {@link Studio} window with the user's real engine, settings and folders. */
public final class StudioApp extends Application {

    private final ExecutorService workers = Workers.create();
    private static volatile SingleInstance listener;

    /** Set by {@link Desktop} before launch: later launches hand their files to this window through it. */
    static void listen(SingleInstance single) {
        listener = single;
    }

    @Override
    public void start(Stage stage) {
        Path folder = newWorkingFolder();
        studio.codeact.gui.settings.OutputLimitSetting.apply(SettingsFile.standard()); // what cells and the stream view keep
        Studio studio = new Studio(stage, new Studio.Config(EngineFactory::create, UiStateStore.inConfigFolder(), folder, workers,
                file -> getHostServices().showDocument(file.toUri().toString()),
                new FileSettingsStorage(SettingsFile.standard()),
                AgentAssistant.fromSettings(), Studio.Config.realDoctor(), Platform::exit));
        studio.show();
        studio.recoverCrashedSessions(folder.getParent());
        List<Path> files = getParameters().getUnnamed().stream().map(Path::of).toList();
        if (!files.isEmpty()) {
            studio.loadData(files);
        }
        SingleInstance single = listener;
        if (single != null) {
            single.onFiles(handed -> Platform.runLater(() -> {
                if (!handed.isEmpty()) {
                    studio.loadData(handed);
                }
                stage.toFront();
                stage.requestFocus();
            }));
        }
        playDemoIfAsked(studio);
        Screenshot.scheduleIfAsked(studio.scene(), studio::close);
    }

    /** {@code -Dcodeact.demo=retail_sales} plays that bundled demo at start (kiosks, screenshots). */
    private static void playDemoIfAsked(Studio studio) {
        String wanted = System.getProperty("codeact.demo");
        if (wanted == null || wanted.isBlank()) {
            return;
        }
        DemoLibrary.samplesFolder().ifPresent(samples -> DemoLibrary.demos(samples).stream()
                .filter(demo -> demo.dataset().startsWith(wanted) || demo.file().getFileName().toString().startsWith(wanted))
                .findFirst()
                .ifPresent(demo -> studio.playDemo(demo, samples)));
    }

    /**
     * The new session's folder: under {@code -Dcodeact.sessions.dir}, else where every session lives
     * ({@link SessionFolders}). Only named here; it is created when there is something to keep in it.
     */
    private static Path newWorkingFolder() {
        String base = System.getProperty("codeact.sessions.dir");
        Path root = base != null ? Path.of(base) : SessionFolders.defaultRoot(System.getenv());
        return SessionFolders.reserve(root, "", Instant.now());
    }


    @Override
    public void stop() {
        SingleInstance single = listener;
        if (single != null) {
            single.close();
        }
        workers.shutdownNow();
    }
}
