package studio.codeact.gui.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import studio.codeact.engine.TableColumn;
import studio.codeact.engine.TablePage;
import studio.codeact.engine.TableQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The rows pandas embedded in a display's table schema ({@code application/vnd.dataresource+json}),
 * for frames that are not held in a variable the engine can page. pandas sends at most
 * {@code display.max_rows} rows, so sorting these few in Java is fine.
 */
public final class SchemaTableSource implements TableSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> index = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final List<JsonNode> rows = new ArrayList<>();

    public SchemaTableSource(String schemaJson) {
        JsonNode root;
        try {
            root = JSON.readTree(schemaJson);
        } catch (IOException e) {
            throw new UncheckedIOException("the table schema is not JSON", e);
        }
        List<String> keys = new ArrayList<>();
        root.path("schema").path("primaryKey").forEach(key -> keys.add(key.asText()));
        for (JsonNode field : root.path("schema").path("fields")) {
            String name = field.path("name").asText();
            if (keys.contains(name)) {
                continue;
            }
            names.add(name);
            types.add(field.path("type").asText("string"));
        }
        for (JsonNode row : root.path("data")) {
            rows.add(row);
            index.add(keys.isEmpty() ? String.valueOf(index.size()) : keyText(row, keys));
        }
    }

    private static String keyText(JsonNode row, List<String> keys) {
        List<String> parts = new ArrayList<>();
        for (String key : keys) {
            parts.add(row.path(key).asText());
        }
        return String.join(", ", parts);
    }

    public int rowCount() {
        return rows.size();
    }

    @Override
    public CompletableFuture<TablePage> read(TableQuery query) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        if (query.sortColumn() != null && names.contains(query.sortColumn())) {
            String column = query.sortColumn();
            boolean numeric = isNumeric(types.get(names.indexOf(column)));
            Comparator<Integer> byValue = numeric
                    ? Comparator.comparingDouble(i -> rows.get(i).path(column).asDouble(Double.NaN))
                    : Comparator.comparing(i -> rows.get(i).path(column).asText(""));
            order.sort(query.ascending() ? byValue : byValue.reversed());
        }
        int from = (int) Math.min(query.offset(), rows.size());
        int to = (int) Math.min(from + (long) query.limit(), rows.size());
        List<Integer> slice = order.subList(from, to);
        List<TableColumn> columns = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            if (isNumeric(types.get(c))) {
                double[] values = new double[slice.size()];
                for (int r = 0; r < slice.size(); r++) {
                    JsonNode value = rows.get(slice.get(r)).path(name);
                    values[r] = value.isNumber() ? value.asDouble() : Double.NaN;
                }
                columns.add(new TableColumn.Floats(name, types.get(c), values));
            } else {
                String[] values = new String[slice.size()];
                for (int r = 0; r < slice.size(); r++) {
                    JsonNode value = rows.get(slice.get(r)).path(name);
                    values[r] = value.isNull() || value.isMissingNode() ? null : value.asText();
                }
                columns.add(new TableColumn.Texts(name, types.get(c), values));
            }
        }
        List<String> labels = slice.stream().map(index::get).toList();
        return CompletableFuture.completedFuture(new TablePage("", rows.size(), from, labels, columns));
    }

    private static boolean isNumeric(String type) {
        return type.equals("integer") || type.equals("number");
    }
}
