package studio.codeact.cli;

import studio.codeact.engine.TransferProgress;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a data file's upload to the Jupyter server on stderr: one line per step of ten percent, and when it is done. */
final class UploadReporter implements TransferProgress {

    private final PrintWriter err;
    private String file = "";
    private long lastTenth = -1;

    UploadReporter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onProgress(String name, long sentBytes, long totalBytes) {
        if (!name.equals(file)) {
            file = name;
            lastTenth = -1;
        }
        long tenth = totalBytes == 0 ? 10 : sentBytes * 10 / totalBytes;
        if (tenth == lastTenth) {
            return;
        }
        lastTenth = tenth;
        err.printf(Locale.ROOT, "codeact: uploading %s to the Jupyter server: %d%% (%.1f of %.1f MB)%n", name, tenth * 10,
                sentBytes / 1e6, totalBytes / 1e6);
        err.flush();
    }
}
