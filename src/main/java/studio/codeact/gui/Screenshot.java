package studio.codeact.gui;

import javafx.animation.PauseTransition;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a scene as a PNG: for the README's screenshot and for looking at the UI on a machine
 * without a screen ({@code -Dcodeact.screenshot=out.png -Dcodeact.screenshot.delay=8}).
 */
public final class Screenshot {

    private Screenshot() {
    }

    /** Snapshots {@code scene} into {@code file}. Call on the FX thread. */
    public static Path write(Scene scene, Path target) {
        // Absolute against the JVM's start folder: the embedded Python may chdir the process to the session folder.
        Path file = target.toAbsolutePath();
        WritableImage image = scene.snapshot(null);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the screenshot " + file, e);
        }
    }

    /** When {@code codeact.screenshot} is set, snapshots the scene after the delay and then runs {@code after}. */
    static void scheduleIfAsked(Scene scene, Runnable after) {
        String target = System.getProperty("codeact.screenshot");
        if (target == null || target.isBlank()) {
            return;
        }
        double delay = Double.parseDouble(System.getProperty("codeact.screenshot.delay", "5"));
        PauseTransition wait = new PauseTransition(Duration.seconds(delay));
        wait.setOnFinished(event -> {
            Path written = write(scene, Path.of(target));
            System.err.println("screenshot written to " + written.toAbsolutePath());
            if (Boolean.getBoolean("codeact.screenshot.exit")) {
                after.run();
            }
        });
        wait.play();
    }
}
