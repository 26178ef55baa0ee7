package studio.codeact.session;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A process that records a session as fast as it can, forever: the victim of
 * {@link SessionKillTest}, which kills it at random moments.
 */
public final class SessionWriterProcess {

    private SessionWriterProcess() {
    }

    public static void main(String[] args) {
        Path folder = Path.of(args[0]);
        SessionStore store = SessionStore.create(folder, Session.start("victim", Instant.now(), SessionSamples.info()));
        byte[] png = SessionSamples.png(20, 10);
        for (int i = 0; ; i++) {
            String text = "entry " + i + " " + "y".repeat(i % 500);
            store.update(session -> session.withEntry(new Entry.Question(Instant.now(), text)));
            if (i % 50 == 0) {
                store.saveFigure(png);
            }
            if (i == 20) {
                store.flush(); // from here on the file on disk holds entries
                System.out.println("writing");
                System.out.flush();
            }
        }
    }
}
