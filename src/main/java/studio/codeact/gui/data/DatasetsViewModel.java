package studio.codeact.gui.data;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.codeact.gui.Messages;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The data files of the session. Dropped files load one after another; while the agent works
 * they wait in the queue and load when it is done ({@link #resume}). A file that fails keeps its
 * row with the reason.
 */
public final class DatasetsViewModel {

    public static final Set<String> EXTENSIONS = Set.of("csv", "tsv", "txt", "xlsx", "xls", "json", "jsonl", "parquet");

    public enum State { QUEUED, LOADING, LOADED, FAILED }

    /** One file and what became of it. */
    public static final class Dataset {
        private final Path file;
        private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.QUEUED);
        private final ReadOnlyStringWrapper variable = new ReadOnlyStringWrapper("");
        private final ReadOnlyStringWrapper shape = new ReadOnlyStringWrapper("");
        private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
        private List<String> columns = List.of();

        Dataset(Path file) {
            this.file = file;
        }

        public Path file() {
            return file;
        }

        public ReadOnlyObjectProperty<State> stateProperty() {
            return state.getReadOnlyProperty();
        }

        public State state() {
            return state.get();
        }

        public ReadOnlyStringProperty variableProperty() {
            return variable.getReadOnlyProperty();
        }

        public String variable() {
            return variable.get();
        }

        /** "1,000 rows × 5 columns" once loaded. */
        public ReadOnlyStringProperty shapeProperty() {
            return shape.getReadOnlyProperty();
        }

        /** The columns, or the failure's reason, or warnings. */
        public ReadOnlyStringProperty detailProperty() {
            return detail.getReadOnlyProperty();
        }

        public List<String> columns() {
            return columns;
        }
    }

    private final FileLoader loader;
    private final Executor ui;
    private final BooleanSupplier agentBusy;
    private final ObservableList<Dataset> datasets = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners added to a throw-away wrapper would be lost with it. */
    private final ObservableList<Dataset> datasetsView = FXCollections.unmodifiableObservableList(datasets);
    private final Deque<Dataset> queue = new ArrayDeque<>();
    private Consumer<Dataset> onLoaded = dataset -> { };
    private boolean loading;

    /**
     * @param agentBusy true while the agent works; loads wait until {@link #resume()}
     */
    public DatasetsViewModel(FileLoader loader, Executor ui, BooleanSupplier agentBusy) {
        this.loader = loader;
        this.ui = ui;
        this.agentBusy = agentBusy;
    }

    public ObservableList<Dataset> datasets() {
        return datasetsView;
    }

    /** Called on the UI thread after each successful load (to refresh variables, tell the agent). */
    public void onLoaded(Consumer<Dataset> listener) {
        onLoaded = listener;
    }

    public static boolean isDataFile(Path file) {
        return extension(file).map(EXTENSIONS::contains).orElse(false);
    }

    /** Queues the files; each loads when the engine and agent are free. Files of unknown kinds fail at once with why. */
    public void load(List<Path> files) {
        for (Path file : files) {
            Dataset dataset = new Dataset(file);
            datasets.add(dataset);
            if (!isDataFile(file)) {
                fail(dataset, file.getFileName() + " is not a data file CodeAct Studio reads (CSV, TSV, Excel, JSON or Parquet).");
                continue;
            }
            queue.addLast(dataset);
        }
        pump();
    }

    /** Loads what waited while the agent worked. */
    public void resume() {
        pump();
    }

    /** The variables of the datasets loaded so far, in order. */
    public List<String> loadedVariables() {
        return datasets.stream().filter(d -> d.state() == State.LOADED).map(Dataset::variable).toList();
    }

    /**
     * Lists a dataset that code loaded by itself (a demo's {@code pd.read_csv(…)}), without loading
     * it again. Replaces an earlier row of the same variable.
     */
    public void listLoaded(Path file, String variable, String shape, String detail) {
        datasets.removeIf(d -> d.state() == State.LOADED && d.variable().equals(variable));
        Dataset dataset = new Dataset(file);
        dataset.variable.set(variable);
        dataset.shape.set(shape);
        dataset.detail.set(detail);
        dataset.state.set(State.LOADED);
        datasets.add(dataset);
        onLoaded.accept(dataset);
    }

    public void clear() {
        datasets.removeIf(d -> d.state() != State.LOADING);
        queue.clear();
    }

    /** Files still waiting to load. */
    public int queued() {
        return queue.size();
    }

    private void pump() {
        if (loading || queue.isEmpty() || agentBusy.getAsBoolean()) {
            return;
        }
        Dataset next = queue.removeFirst();
        loading = true;
        next.state.set(State.LOADING);
        loader.load(next.file).whenComplete((loaded, error) -> ui.execute(() -> {
            loading = false;
            if (error != null) {
                fail(next, Messages.sentence(error));
            } else {
                next.variable.set(loaded.variable());
                next.shape.set(shape(loaded));
                next.columns = loaded.columnNames();
                String columns = String.join(", ", loaded.columnNames());
                next.detail.set(loaded.warnings().isEmpty() ? columns : String.join(" ", loaded.warnings()) + "\n" + columns);
                next.state.set(State.LOADED);
                onLoaded.accept(next);
            }
            pump();
        }));
    }

    /** "1,000 rows × 5 columns", or for data bigger than memory "~4,700,000 rows × 6 columns · out of core: 3.2 GB on disk, 85 partitions". */
    static String shape(FileLoader.Loaded loaded) {
        if (!loaded.outOfCore()) {
            return String.format(Locale.ROOT, "%,d rows × %d columns", loaded.rows(), loaded.columns());
        }
        return String.format(Locale.ROOT, "~%,d rows × %d columns · out of core: %s on disk, %d partitions", loaded.rows(), loaded.columns(),
                Sizes.bytes(loaded.sizeOnDisk()), loaded.partitions());
    }

    private static void fail(Dataset dataset, String why) {
        dataset.detail.set(why);
        dataset.state.set(State.FAILED);
    }

    private static Optional<String> extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
