package studio.codeact.engine;

import java.util.List;

/**
 * Rows {@code [offset, offset + rowCount())} of a DataFrame, column by column.
 *
 * @param variable  the DataFrame's variable name
 * @param totalRows rows in the whole frame
 * @param offset    row number of the first row here
 * @param index     the index labels of these rows, as text
 * @param columns   the columns, each with one value per row here
 */
public record TablePage(String variable, long totalRows, long offset, List<String> index, List<TableColumn> columns) {

    public TablePage {
        index = List.copyOf(index);
        columns = List.copyOf(columns);
    }

    public int rowCount() {
        return index.size();
    }
}
