package studio.codeact.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the sessions a dead process left {@code running} under a sessions folder: their
 * {@code session.json} says running and no live process holds their {@link SessionLock}. Only
 * the newest folders are looked at (names start with the time), and only the status is read.
 */
public final class AbandonedSessions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NEWEST = 50;

    private AbandonedSessions() {
    }

    /** The abandoned sessions under {@code root}, newest first. */
    public static List<Path> find(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> folders;
        try (Stream<Path> entries = Files.list(root)) {
            folders = entries.filter(Files::isDirectory).sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .limit(NEWEST).toList();
        } catch (IOException e) {
            return List.of();
        }
        List<Path> abandoned = new ArrayList<>();
        for (Path folder : folders) {
            if (leftRunning(folder) && !SessionLock.isHeld(folder)) {
                abandoned.add(folder);
            }
        }
        return abandoned;
    }

    private static boolean leftRunning(Path folder) {
        Path file = folder.resolve(SessionStore.SESSION_FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            return SessionStatus.RUNNING.id().equals(root.path("status").asText());
        } catch (IOException e) {
            return false;
        }
    }
}
