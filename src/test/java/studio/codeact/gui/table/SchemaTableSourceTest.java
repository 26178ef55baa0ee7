package studio.codeact.gui.table;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.TablePage;
import studio.codeact.engine.TableQuery;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaTableSourceTest {

    /** What pandas 1.5 sends for {@code pd.DataFrame({'city': ['Oslo', 'Rome', None], 'temp': [3.5, 18.0, 11.25]})}. */
    private static final String SCHEMA = """
            {"schema":{"fields":[{"name":"index","type":"integer"},{"name":"city","type":"string"},
            {"name":"temp","type":"number"}],"primaryKey":["index"],"pandas_version":"1.4.0"},
            "data":[{"index":0,"city":"Oslo","temp":3.5},{"index":1,"city":"Rome","temp":18.0},
            {"index":2,"city":null,"temp":11.25}]}""";

    @Test
    void readsRowsAndColumnsWithoutTheIndexField() {
        SchemaTableSource source = new SchemaTableSource(SCHEMA);
        TablePage page = source.read(TableQuery.page("", 0, 10)).join();
        assertThat(page.totalRows()).isEqualTo(3);
        assertThat(page.columns()).extracting(c -> c.name()).containsExactly("city", "temp");
        assertThat(page.index()).containsExactly("0", "1", "2");
        assertThat(page.columns().get(0).valueAt(2)).isNull();
        assertThat(page.columns().get(1).valueAt(1)).isEqualTo(18.0);
    }

    @Test
    void sortsNumbersAsNumbers() {
        SchemaTableSource source = new SchemaTableSource(SCHEMA);
        TablePage page = source.read(new TableQuery("", 0, 10, "temp", false)).join();
        assertThat(page.index()).containsExactly("1", "2", "0");
    }
}
