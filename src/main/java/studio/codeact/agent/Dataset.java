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
 */
public record Dataset(String variable, String path, String format, String sheet, String type, long rows,
                      List<Column> columns, String sample, List<String> warnings) {

    public Dataset {
        columns = List.copyOf(columns);
        sample = sample == null ? "" : sample;
        warnings = List.copyOf(warnings);
    }

    public record Column(String name, String dtype) { }
}
