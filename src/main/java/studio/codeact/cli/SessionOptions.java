package studio.codeact.cli;

import picocli.CommandLine.Option;
import studio.codeact.session.SessionResume;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where {@code ask} and {@code chat} record: a new folder, {@code --out DIR}, or a saved session continued with {@code --resume DIR}. */
final class SessionOptions {

    @Option(names = "--out", paramLabel = "DIR", description = "Session folder to write (default: a new folder under the sessions folder).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the session saved in DIR: its cells that worked run again in a fresh interpreter, the conversation goes on, and this run is added to DIR.")
    Path resume;

    @Option(names = "--remap", paramLabel = "OLD=NEW",
            description = "With --resume: a data file the session loaded from OLD (its recorded path, or just its name) is now at NEW; repeatable.")
    List<String> remap = new ArrayList<>();

    /** Checks the combination; returns the moves {@code --remap} gives. */
    Map<String, Path> moves() {
        if (resume != null && out != null) {
            throw new IllegalArgumentException("--resume continues the session in its own folder; leave out --out");
        }
        if (resume == null && !remap.isEmpty()) {
            throw new IllegalArgumentException("--remap goes with --resume DIR (it says where a continued session's data files are now)");
        }
        return SessionResume.parseMoves(remap);
    }
}
