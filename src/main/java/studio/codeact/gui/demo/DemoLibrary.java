package studio.codeact.gui.demo;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the bundled samples are: {@code -Dcodeact.samples.dir} (installed apps set it), else
 * {@code samples/} beside the folder holding {@code codeact.jar} (a source checkout), else
 * {@code ./samples}.
 */
public final class DemoLibrary {

    private DemoLibrary() {
    }

    public static Optional<Path> samplesFolder() {
        String property = System.getProperty("codeact.samples.dir");
        if (property != null && !property.isBlank()) {
            Path folder = Path.of(property).toAbsolutePath().normalize();
            return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
        }
        try {
            Path jar = Path.of(DemoLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path at = jar.getParent(); at != null; at = at.getParent()) {
                Path candidate = at.resolve("samples");
                if (Files.isDirectory(candidate.resolve("demos"))) {
                    return Optional.of(candidate);
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        Path local = Path.of("samples").toAbsolutePath();
        return Files.isDirectory(local) ? Optional.of(local) : Optional.empty();
    }

    /** The demos in {@code folder/demos}, by file name. */
    public static List<Demo> demos(Path samples) {
        Path demos = samples.resolve("demos");
        if (!Files.isDirectory(demos)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(demos)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".demo.json")).sorted().map(Demo::read).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
