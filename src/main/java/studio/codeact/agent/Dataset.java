package studio.codeact.agent;

import java.util.List;

/**
 * A dataset as the model is told about it.
 *
 * @param variable the Python variable holding it
 * @param path     the file it came from
 * @param format   {@code csv}, {@code excel}, {@code json}, {@code jsonl} or {@code parquet}
 * @param sheet    the Excel sheet, or {@code null}
 * @param type     the variable's Python type ({@code DataFrame})
 * @param rows     rows
 * @param columns  column names with their dtypes, in order
 * @param sample   the first rows as text (empty when withheld by the privacy setting)
 * @param warnings problems met while loading
 * @param lazy     for a file too big for memory, how its Dask DataFrame is made; {@code null} for pandas
 */
public record Dataset(String variable, String path, String format, String sheet, String type, long rows,
                      List<Column> columns, String sample, List<String> warnings, Lazy lazy) {

    public Dataset {
        columns = List.copyOf(columns);
        sample = sample == null ? "" : sample;
        warnings = List.copyOf(warnings);
    }

    /** A dataset loaded into pandas. */
    public Dataset(String variable, String path, String format, String sheet, String type, long rows,
                   List<Column> columns, String sample, List<String> warnings) {
        this(variable, path, format, sheet, type, rows, columns, sample, warnings, null);
    }

    /** Whether the variable holds a lazy Dask DataFrame (out of core). */
    public boolean isLazy() {
        return lazy != null;
    }

    /**
     * A Dask DataFrame's facts.
     *
     * @param sizeBytes     the file's size on disk
     * @param estimatedRows rows estimated from the file's head (0 when unknown)
     * @param partitions    partitions of the Dask DataFrame
     * @param sample        the variable holding a seeded random pandas sample of its rows
     * @param sampleRows    rows of that sample
     */
    public record Lazy(long sizeBytes, long estimatedRows, int partitions, String sample, long sampleRows) { }

    public record Column(String name, String dtype) { }
}
