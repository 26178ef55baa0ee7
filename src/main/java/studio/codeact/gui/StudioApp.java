package studio.codeact.gui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import studio.codeact.gui.assistant.NoAssistant;
import studio.codeact.gui.demo.DemoLibrary;
import studio.codeact.gui.settings.FileSettingsStorage;
import studio.codeact.gui.shell.Studio;
import studio.codeact.llm.settings.SettingsFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutorService;

/** The JavaFX application: one {@link Studio} window with the user's real engine, settings and folders. */
public final class StudioApp extends Application {

    private final ExecutorService workers = Workers.create();

    @Override
    public void start(Stage stage) {
        Path folder = newWorkingFolder();
        Studio studio = new Studio(stage, new Studio.Config(EngineFactory.inFolder(folder), UiStateStore.inConfigFolder(), folder, workers,
                file -> getHostServices().showDocument(file.toUri().toString()),
                new FileSettingsStorage(SettingsFile.standard()),
                context -> new NoAssistant("this build has no agent yet"), Studio.Config.realDoctor(), Platform::exit));
        studio.show();
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

    private static Path newWorkingFolder() {
        String base = System.getProperty("codeact.sessions.dir");
        Path root = base != null ? Path.of(base) : Path.of(System.getProperty("user.home"), "CodeAct Studio", "sessions");
        Path folder = root.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the session folder " + folder, e);
        }
    }

    @Override
    public void stop() {
        workers.shutdownNow();
    }
}
