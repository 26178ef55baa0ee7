package studio.codeact.gui.data;

import org.junit.jupiter.api.Test;
import studio.codeact.gui.UiExecutor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetsViewModelTest {

    private final List<Path> requested = new ArrayList<>();
    private final List<CompletableFuture<FileLoader.Loaded>> answers = new ArrayList<>();
    private boolean agentBusy;
    private final DatasetsViewModel datasets = new DatasetsViewModel(file -> {
        requested.add(file);
        CompletableFuture<FileLoader.Loaded> answer = new CompletableFuture<>();
        answers.add(answer);
        return answer;
    }, UiExecutor.direct(), () -> agentBusy);

    @Test
    void aLoadedFileShowsItsVariableShapeAndColumns() {
        datasets.load(List.of(Path.of("/data/sales.csv")));
        DatasetsViewModel.Dataset sales = datasets.datasets().getFirst();
        assertThat(sales.state()).isEqualTo(DatasetsViewModel.State.LOADING);
        answers.getFirst().complete(new FileLoader.Loaded("sales", "csv", 1200, 3, List.of("date", "region", "amount"), List.of()));
        assertThat(sales.state()).isEqualTo(DatasetsViewModel.State.LOADED);
        assertThat(sales.variable()).isEqualTo("sales");
        assertThat(sales.shapeProperty().get()).isEqualTo("1,200 rows × 3 columns");
        assertThat(sales.detailProperty().get()).isEqualTo("date, region, amount");
    }

    @Test
    void aDatasetCodeLoadedByItselfIsListedWithoutLoadingItAgain() {
        List<String> told = new java.util.ArrayList<>();
        datasets.onLoaded(dataset -> told.add(dataset.variable()));

        datasets.listLoaded(Path.of("/samples/retail_sales.csv"), "sales", "7693 rows \u00d7 11 columns", "order_id, region, …");
        datasets.listLoaded(Path.of("/samples/retail_sales.csv"), "sales", "7693 rows \u00d7 12 columns", "order_id, region, …");

        assertThat(datasets.datasets()).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(DatasetsViewModel.State.LOADED);
            assertThat(d.shapeProperty().get()).isEqualTo("7693 rows \u00d7 12 columns");
        });
        assertThat(requested).isEmpty();
        assertThat(told).containsExactly("sales", "sales");
        assertThat(datasets.loadedVariables()).containsExactly("sales");
    }

    @Test
    void filesLoadOneAfterAnother() {
        datasets.load(List.of(Path.of("a.csv"), Path.of("b.json")));
        assertThat(requested).containsExactly(Path.of("a.csv"));
        assertThat(datasets.datasets().get(1).state()).isEqualTo(DatasetsViewModel.State.QUEUED);
        answers.getFirst().complete(new FileLoader.Loaded("a", "csv", 1, 1, List.of("x"), List.of()));
        assertThat(requested).containsExactly(Path.of("a.csv"), Path.of("b.json"));
    }

    @Test
    void dropsWhileTheAgentWorksWaitUntilItIsDone() {
        agentBusy = true;
        datasets.load(List.of(Path.of("late.csv")));
        assertThat(requested).isEmpty();
        assertThat(datasets.queued()).isEqualTo(1);
        agentBusy = false;
        datasets.resume();
        assertThat(requested).containsExactly(Path.of("late.csv"));
    }

    @Test
    void aFileThatFailsKeepsItsRowWithTheReason() {
        datasets.load(List.of(Path.of("broken.xlsx")));
        answers.getFirst().completeExceptionally(new IllegalStateException("broken.xlsx is not a valid Excel file"));
        DatasetsViewModel.Dataset broken = datasets.datasets().getFirst();
        assertThat(broken.state()).isEqualTo(DatasetsViewModel.State.FAILED);
        assertThat(broken.detailProperty().get()).isEqualTo("broken.xlsx is not a valid Excel file.");
    }

    @Test
    void aFileOfAnUnknownKindFailsAtOnce() {
        datasets.load(List.of(Path.of("notes.docx")));
        assertThat(requested).isEmpty();
        assertThat(datasets.datasets().getFirst().state()).isEqualTo(DatasetsViewModel.State.FAILED);
        assertThat(datasets.datasets().getFirst().detailProperty().get()).contains("notes.docx is not a data file");
    }

    @Test
    void aDatasetBiggerThanMemorySaysItIsOutOfCoreWithItsSizeAndPartitions() {
        String shape = DatasetsViewModel.shape(new FileLoader.Loaded("orders", "csv", 4_700_000, 6, List.of("a"), List.of(), true,
                3_200_000_000L, 85));

        assertThat(shape).startsWith("~4,700,000 rows × 6 columns").contains("out of core").contains("85 partitions").contains("GB on disk");
    }
}
