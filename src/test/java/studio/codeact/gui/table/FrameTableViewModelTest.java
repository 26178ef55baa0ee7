package studio.codeact.gui.table;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.TableColumn;
import studio.codeact.engine.TablePage;
import studio.codeact.engine.TableQuery;
import studio.codeact.gui.ScriptedEngine;
import studio.codeact.gui.UiExecutor;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FrameTableViewModelTest {

    private static final long TEN_MILLION = 10_000_000L;

    private final ScriptedEngine engine = new ScriptedEngine();
    private final FrameTableViewModel table = new FrameTableViewModel("big", engine::readTable, UiExecutor.direct());

    /** Answers the query the way pandas would for a frame with a single int column {@code n = row * 2}. */
    private static TablePage pageFor(TableQuery query) {
        int rows = (int) Math.max(0, Math.min(query.limit(), TEN_MILLION - query.offset()));
        long[] values = new long[rows];
        List<String> index = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            long row = query.offset() + i;
            long n = query.sortColumn() != null && !query.ascending() ? (TEN_MILLION - 1 - row) * 2 : row * 2;
            values[i] = n;
            index.add(Long.toString(n / 2));
        }
        return new TablePage(query.variable(), TEN_MILLION, query.offset(), index, List.of(new TableColumn.Ints("n", "int64", values)));
    }

    private void answerAll() {
        while (!engine.tableAnswers.isEmpty()) {
            TableQuery query = engine.tableQueries.removeFirst();
            engine.tableAnswers.removeFirst().complete(pageFor(query));
        }
    }

    @Test
    void theFirstPageGivesColumnsAndRowCount() {
        table.load();
        assertThat(table.stateProperty().get()).isEqualTo(FrameTableViewModel.State.LOADING);
        answerAll();
        assertThat(table.stateProperty().get()).isEqualTo(FrameTableViewModel.State.READY);
        assertThat(table.totalRowsProperty().get()).isEqualTo(TEN_MILLION);
        assertThat(table.columns()).containsExactly(new FrameTableViewModel.Column("n", "int64"));
        assertThat(table.valueAt(3, 0)).isEqualTo(6L);
        assertThat(table.indexAt(3)).isEqualTo("3");
    }

    @Test
    void aRowFarAwayIsLoadingUntilItsPageArrives() {
        table.load();
        answerAll();
        long revision = table.revisionProperty().get();
        assertThat(table.valueAt(9_999_999, 0)).isSameAs(FrameTableViewModel.LOADING);
        assertThat(engine.tableQueries.getLast().offset()).isEqualTo(9_999_800);
        answerAll();
        assertThat(table.revisionProperty().get()).isGreaterThan(revision);
        assertThat(table.valueAt(9_999_999, 0)).isEqualTo(19_999_998L);
    }

    @Test
    void aFastScrollFetchesOnlyThePagesItStopsNear() {
        table.load();
        answerAll();
        int before = table.fetchCount();
        // Scrolling through 5,000 pages while the engine is slow: most are no longer wanted when it answers.
        for (long row = 0; row < 1_000_000; row += FrameTableViewModel.PAGE_ROWS) {
            table.valueAt(row, 0);
        }
        while (!engine.tableAnswers.isEmpty()) {
            answerAll();
        }
        int fetched = table.fetchCount() - before;
        assertThat(fetched).isLessThanOrEqualTo(FrameTableViewModel.MAX_IN_FLIGHT + FrameTableViewModel.MAX_WANTED);
        assertThat(table.valueAt(999_800, 0)).as("the last page asked for is there").isEqualTo(1_999_600L);
    }

    @Test
    void sortingAsksPythonAndForgetsCachedPages() {
        table.load();
        answerAll();
        table.sortBy("n", false);
        assertThat(table.stateProperty().get()).isEqualTo(FrameTableViewModel.State.LOADING);
        TableQuery query = engine.tableQueries.getLast();
        assertThat(query.sortColumn()).isEqualTo("n");
        assertThat(query.ascending()).isFalse();
        assertThat(query.offset()).isZero();
        answerAll();
        assertThat(table.valueAt(0, 0)).isEqualTo(19_999_998L);
    }

    @Test
    void anAnswerToAnOlderSortIsIgnored() {
        table.load();
        table.sortBy("n", false);
        // The first (unsorted) answer arrives late.
        TableQuery stale = engine.tableQueries.removeFirst();
        engine.tableAnswers.removeFirst().complete(pageFor(stale));
        assertThat(table.stateProperty().get()).isEqualTo(FrameTableViewModel.State.LOADING);
        answerAll();
        assertThat(table.valueAt(0, 0)).isEqualTo(19_999_998L);
    }

    @Test
    void aFailedReadSaysWhy() {
        table.load();
        engine.tableAnswers.removeFirst().completeExceptionally(new IllegalArgumentException("'big' is a int, not a DataFrame"));
        assertThat(table.stateProperty().get()).isEqualTo(FrameTableViewModel.State.FAILED);
        assertThat(table.errorProperty().get()).isEqualTo("'big' is a int, not a DataFrame.");
    }

    @Test
    void valuesAreFormattedForReading() {
        assertThat(CellFormat.format(3.0)).isEqualTo("3");
        assertThat(CellFormat.format(0.125)).isEqualTo("0.125");
        assertThat(CellFormat.format(1.0 / 3)).isEqualTo("0.333333");
        assertThat(CellFormat.format(null)).isEqualTo("NaN");
        assertThat(CellFormat.format(java.time.Instant.parse("2024-03-01T10:00:00Z"))).isEqualTo("2024-03-01 10:00:00");
        assertThat(CellFormat.format(java.time.Instant.parse("2024-03-01T00:00:00Z"))).isEqualTo("2024-03-01");
    }
}
