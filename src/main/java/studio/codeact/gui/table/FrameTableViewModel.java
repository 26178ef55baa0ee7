package studio.codeact.gui.table;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.codeact.engine.TableColumn;
import studio.codeact.engine.TablePage;
import studio.codeact.engine.TableQuery;
import studio.codeact.gui.Messages;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A DataFrame seen through a window of cached pages, however many rows it has. The table view
 * asks for cells by row; a row not yet here comes back as {@link #LOADING} and its page is
 * fetched (most recently wanted first, at most {@value #MAX_IN_FLIGHT} at a time, so a fast
 * scroll over ten million rows fetches only the pages it stops on). Sorting is a new query:
 * Python sorts, this class only forgets its pages.
 */
public final class FrameTableViewModel {

    public enum State { LOADING, READY, FAILED }

    /** Stands for a value whose page has not arrived yet. */
    public static final Object LOADING = new Object() {
        @Override
        public String toString() {
            return "…";
        }
    };

    public static final int PAGE_ROWS = 200;
    static final int MAX_IN_FLIGHT = 2;
    static final int MAX_PAGES = 48;
    static final int MAX_WANTED = 6;

    public record Column(String name, String dtype) {
        public boolean numeric() {
            return dtype.startsWith("int") || dtype.startsWith("uint") || dtype.startsWith("float");
        }
    }

    private final String variable;
    private final TableSource source;
    private final Executor ui;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.LOADING);
    private final ReadOnlyLongWrapper totalRows = new ReadOnlyLongWrapper(this, "totalRows", 0);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision", 0);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper sortColumn = new ReadOnlyStringWrapper(this, "sortColumn", null);
    private final ReadOnlyBooleanWrapper ascending = new ReadOnlyBooleanWrapper(this, "ascending", true);
    private final ObservableList<Column> columns = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners added to a throw-away wrapper would be lost with it. */
    private final ObservableList<Column> columnsView = FXCollections.unmodifiableObservableList(columns);

    private final Map<Long, TablePage> pages = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashSet<Long> wanted = new LinkedHashSet<>();
    private final Set<Long> inFlight = new HashSet<>();
    private long generation;
    private int fetches;

    /**
     * @param variable the DataFrame's name (for display)
     * @param source   reads pages
     * @param ui       the UI executor page arrivals are marshalled through
     */
    public FrameTableViewModel(String variable, TableSource source, Executor ui) {
        this.variable = variable;
        this.source = source;
        this.ui = ui;
    }

    // Properties

    public String variable() {
        return variable;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty totalRowsProperty() {
        return totalRows.getReadOnlyProperty();
    }

    /** Increases whenever a page arrives; a view refreshes its visible cells then. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sortColumnProperty() {
        return sortColumn.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty ascendingProperty() {
        return ascending.getReadOnlyProperty();
    }

    /** The frame's columns, known after the first page. */
    public ObservableList<Column> columns() {
        return columnsView;
    }

    /** How many page reads were sent (for tests and the benchmark). */
    public int fetchCount() {
        return fetches;
    }

    // Commands

    /** Reads the first page: columns and row count. */
    public void load() {
        request(0);
    }

    /** The value at {@code row}, column {@code column}; {@link #LOADING} until its page arrives, {@code null} when missing in pandas. */
    public Object valueAt(long row, int column) {
        TablePage page = pageOf(row);
        if (page == null) {
            return LOADING;
        }
        int at = (int) (row - page.offset());
        List<TableColumn> cols = page.columns();
        if (at >= page.rowCount() || column >= cols.size()) {
            return null;
        }
        return cols.get(column).valueAt(at);
    }

    /** The index label of {@code row}, or {@link #LOADING}. */
    public Object indexAt(long row) {
        TablePage page = pageOf(row);
        if (page == null) {
            return LOADING;
        }
        int at = (int) (row - page.offset());
        return at < page.rowCount() ? page.index().get(at) : "";
    }

    /** Sorts by {@code column} in Python (or restores the frame's own order when {@code null}). */
    public void sortBy(String column, boolean isAscending) {
        if (java.util.Objects.equals(column, sortColumn.get()) && isAscending == ascending.get()) {
            return;
        }
        sortColumn.set(column);
        ascending.set(isAscending);
        generation++;
        pages.clear();
        wanted.clear();
        inFlight.clear();
        state.set(State.LOADING);
        revision.set(revision.get() + 1);
        request(0);
    }

    private TablePage pageOf(long row) {
        long number = row / PAGE_ROWS;
        TablePage page = pages.get(number);
        if (page == null) {
            request(number);
        }
        return page;
    }

    private void request(long number) {
        if (inFlight.contains(number)) {
            return;
        }
        wanted.remove(number);
        wanted.add(number);
        while (wanted.size() > MAX_WANTED) {
            wanted.remove(wanted.getFirst());
        }
        pump();
    }

    private void pump() {
        while (inFlight.size() < MAX_IN_FLIGHT && !wanted.isEmpty()) {
            long number = wanted.getLast();
            wanted.remove(number);
            if (pages.containsKey(number)) {
                continue;
            }
            inFlight.add(number);
            fetches++;
            long asked = generation;
            TableQuery query = new TableQuery(variable, number * PAGE_ROWS, PAGE_ROWS, sortColumn.get(), ascending.get());
            source.read(query).whenComplete((page, failure) -> ui.execute(() -> arrived(asked, number, page, failure)));
        }
    }

    private void arrived(long asked, long number, TablePage page, Throwable failure) {
        if (asked != generation) {
            return;
        }
        inFlight.remove(number);
        if (failure != null) {
            error.set(Messages.sentence(failure));
            state.set(State.FAILED);
            return;
        }
        if (columns.isEmpty() && !page.columns().isEmpty()) {
            List<Column> found = new ArrayList<>();
            for (TableColumn column : page.columns()) {
                found.add(new Column(column.name(), column.dtype()));
            }
            columns.setAll(found);
        }
        totalRows.set(page.totalRows());
        pages.put(number, page);
        while (pages.size() > MAX_PAGES) {
            pages.remove(pages.keySet().iterator().next());
        }
        state.set(State.READY);
        revision.set(revision.get() + 1);
        pump();
    }
}
