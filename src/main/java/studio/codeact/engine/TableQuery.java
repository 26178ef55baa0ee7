package studio.codeact.engine;

/**
 * A page of a pandas DataFrame held in a variable.
 *
 * @param variable   name of the DataFrame in the user namespace
 * @param offset     first row (of the sorted frame, when sorting)
 * @param limit      at most this many rows
 * @param sortColumn sort by this column first (sorting happens in Python), or {@code null}
 * @param ascending  sort direction
 */
public record TableQuery(String variable, long offset, int limit, String sortColumn, boolean ascending) {

    public TableQuery {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    public static TableQuery page(String variable, long offset, int limit) {
        return new TableQuery(variable, offset, limit, null, true);
    }
}
