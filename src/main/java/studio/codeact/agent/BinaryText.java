package studio.codeact.agent;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Tells binary bytes from text in a file that should be a text table: NUL bytes (outside UTF-16),
 * or more than 1 % control characters other than tab, line feed, carriage return and form feed,
 * in the first 64 KB. Legacy single-byte encodings (Latin-1, Windows-1252) pass: their letters
 * are not control characters.
 */
final class BinaryText {

    private BinaryText() {
    }

    static void check(Path file, byte[] head) {
        if (head.length >= 2 && ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE || (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF)) {
            return; // UTF-16 with a byte-order mark
        }
        int control = 0;
        boolean nul = false;
        for (byte b : head) {
            int c = b & 0xff;
            if (c == 0) {
                nul = true;
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f) {
                control++;
            }
        }
        if (nul || control * 100 > head.length) {
            throw new DatasetException(String.format(Locale.ROOT,
                    "%s: the content is binary, not a text table (%d of its first %,d bytes are control characters%s); "
                            + "choose the CSV, Excel, JSON or Parquet file that holds the data",
                    file, control, head.length, nul ? ", some of them zero bytes" : ""));
        }
    }
}
