package studio.codeact.engine;

/**
 * One user variable, as the variables panel shows it.
 *
 * @param name   the variable's name
 * @param type   its type's name ({@code DataFrame}, {@code int}, {@code ndarray} …)
 * @param shape  shape or length as text ({@code "1000 × 5"}, {@code "len 3"}), or empty
 * @param bytes  approximate memory in bytes, or -1 when unknown
 * @param summary a one-line preview of the value
 */
public record VariableInfo(String name, String type, String shape, long bytes, String summary) {

    /** True for pandas DataFrames, whose rows {@link PythonEngine#readTable} can page through. */
    public boolean isTable() {
        return "DataFrame".equals(type);
    }
}
