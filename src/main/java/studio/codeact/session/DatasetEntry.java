package studio.codeact.session;

import java.util.List;
import java.util.Objects;

/**
 * A data file loaded into the interpreter before the first turn.
 *
 * @param variable the Python variable that holds it
 * @param path     the file's absolute path
 * @param format   {@code csv}, {@code excel}, {@code json}, {@code jsonl} or {@code parquet}
 * @param rows     number of rows
 * @param columns  number of columns
 * @param warnings problems met while loading (e.g. "not UTF-8; read as cp1252"), empty when none
 */
public record DatasetEntry(String variable, String path, String format, long rows, int columns, List<String> warnings) {
    public DatasetEntry {
        Objects.requireNonNull(variable);
        Objects.requireNonNull(path);
        format = format == null ? "" : format;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
