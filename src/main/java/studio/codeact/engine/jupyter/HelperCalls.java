package studio.codeact.engine.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import studio.codeact.engine.EngineException;
import studio.codeact.engine.PythonSupport;
import studio.codeact.engine.TableColumn;
import studio.codeact.engine.TablePage;
import studio.codeact.engine.TableQuery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's own Python calls "over the protocol": {@code codeact_support} helpers evaluated
 * as {@code user_expressions} of a silent execute, wrapped in {@code JsonText} so the
 * {@code text/plain} of each result is raw JSON, and that JSON mapped to the engine's records.
 */
final class HelperCalls {

    private static final String SUPPORT = "__import__('" + PythonSupport.MODULE + "')";
    /**
     * The running shell, found through IPython itself: {@code get_ipython} is a name in the user's
     * namespace, not a builtin, so {@code codeact_support}'s own fallback cannot see it.
     */
    private static final String SHELL = "__import__('IPython').get_ipython()";


    /** Code run silently after every (re)start: the support module on sys.path, then its setup. */
    String setupCode() {
        String folder = studio.codeact.engine.PythonLiteral.string(PythonSupport.folder().toString());
        // binds no names in the user's namespace
        return "(__import__('sys').path.insert(0, " + folder + ") if " + folder + " not in __import__('sys').path else None)\n"
                + SUPPORT + ".setup(" + SHELL + ")\n";
    }

    String variablesExpression() {
        return SUPPORT + ".JsonText(" + SUPPORT + ".variables(" + SHELL + ".user_ns))";
    }

    String tableExpression(TableQuery query) {
        return SUPPORT + ".JsonText(" + SUPPORT + ".table_page(" + studio.codeact.engine.PythonLiteral.string(query.variable()) + ", " + query.offset() + ", "
                + query.limit() + ", " + (query.sortColumn() == null ? "None" : studio.codeact.engine.PythonLiteral.string(query.sortColumn())) + ", "
                + (query.ascending() ? "True" : "False") + ", " + SHELL + ".user_ns))";
    }

    /**
     * The JSON an expression produced.
     *
     * @throws EngineException with Python's own message when the expression raised
     */
    JsonNode value(JsonNode userExpression) {
        if ("error".equals(userExpression.path("status").asText())) {
            String message = Outputs.stripAnsi(userExpression.path("evalue").asText(""));
            throw new EngineException(message.isEmpty() ? userExpression.path("ename").asText("an error in the kernel") : message);
        }
        String text = userExpression.path("data").path("text/plain").asText(null);
        if (text == null) {
            throw new EngineException("the kernel returned no value for a helper call");
        }
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new EngineException("the kernel returned unreadable JSON for a helper call: " + e.getMessage(), e);
        }
    }

    TablePage table(JsonNode page) {
        List<String> index = new ArrayList<>();
        page.path("index").forEach(label -> index.add(label.asText()));
        List<TableColumn> columns = new ArrayList<>();
        for (JsonNode column : page.path("columns")) {
            columns.add(column(column, index.size()));
        }
        return new TablePage(page.path("variable").asText(), page.path("total").asLong(), page.path("offset").asLong(), index, columns);
    }

    private static TableColumn column(JsonNode column, int rows) {
        String name = column.path("name").asText();
        String dtype = column.path("dtype").asText();
        JsonNode values = column.path("values");
        int n = Math.min(rows, values.size());
        return switch (column.path("kind").asText("texts")) {
            case "ints" -> {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) out[i] = values.get(i).asLong();
                yield new TableColumn.Ints(name, dtype, out);
            }
            case "floats" -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) out[i] = values.get(i).isNull() ? Double.NaN : values.get(i).asDouble();
                yield new TableColumn.Floats(name, dtype, out);
            }
            case "bools" -> {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) out[i] = values.get(i).asBoolean();
                yield new TableColumn.Bools(name, dtype, out);
            }
            case "datetimes" -> {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = values.get(i).isNull() ? TableColumn.DateTimes.NOT_A_TIME : values.get(i).asLong();
                }
                yield new TableColumn.DateTimes(name, dtype, out);
            }
            default -> {
                String[] out = new String[n];
                for (int i = 0; i < n; i++) out[i] = values.get(i).isNull() ? null : values.get(i).asText();
                yield new TableColumn.Texts(name, dtype, out);
            }
        };
    }
}
