package studio.codeact.engine.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import studio.codeact.engine.TableColumn;
import studio.codeact.engine.TablePage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * Builds a {@link TablePage} from the description {@code codeact_embedded.table_page} returns:
 * numeric columns (int64, float64, bool, datetime64[ns] as int64) are copied straight out of
 * numpy's memory at the address Python gave; text columns come as JSON strings.
 *
 * <p>Thread: the interpreter's thread, while the arrays are alive (see
 * {@link PythonBridge#tablePage}).
 */
@SuppressWarnings("restricted") // native access is this class's job; the JVM runs with --enable-native-access
final class TableReader {

    private TableReader() {
    }

    static TablePage read(String variable, String json) {
        JsonNode page;
        try {
            page = OutputDecoder.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the page description from Python is not JSON", e);
        }
        List<String> index = new ArrayList<>();
        page.path("index").forEach(label -> index.add(label.asText()));
        List<TableColumn> columns = new ArrayList<>();
        for (JsonNode column : page.path("columns")) {
            columns.add(column(column));
        }
        return new TablePage(variable, page.path("total").asLong(), page.path("offset").asLong(), index, columns);
    }

    private static TableColumn column(JsonNode column) {
        String name = column.path("name").asText();
        String dtype = column.path("dtype").asText();
        String kind = column.path("kind").asText();
        if (kind.equals("texts")) {
            JsonNode values = column.path("values");
            String[] texts = new String[values.size()];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = values.get(i).isNull() ? null : values.get(i).asText();
            }
            return new TableColumn.Texts(name, dtype, texts);
        }
        long length = column.path("length").asLong();
        long address = column.path("address").asLong();
        return switch (kind) {
            case "ints" -> new TableColumn.Ints(name, dtype, memory(address, length * 8).toArray(JAVA_LONG_UNALIGNED));
            case "floats" -> new TableColumn.Floats(name, dtype, memory(address, length * 8).toArray(JAVA_DOUBLE_UNALIGNED));
            case "datetimes" -> new TableColumn.DateTimes(name, dtype, memory(address, length * 8).toArray(JAVA_LONG_UNALIGNED));
            case "bools" -> new TableColumn.Bools(name, dtype, booleans(memory(address, length).toArray(JAVA_BYTE)));
            default -> throw new IllegalStateException("unknown column kind " + kind);
        };
    }

    private static MemorySegment memory(long address, long bytes) {
        return bytes == 0 ? MemorySegment.NULL : MemorySegment.ofAddress(address).reinterpret(bytes);
    }

    private static boolean[] booleans(byte[] bytes) {
        boolean[] values = new boolean[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] != 0;
        }
        return values;
    }
}
