package studio.codeact.gui.cells;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OutputMapperTest {

    @Test
    void aBareNameOnTheLastLineIsTheResultsVariable() {
        assertThat(OutputMapper.resultVariable("df = load()\ndf", 4)).contains("df");
        assertThat(OutputMapper.resultVariable("df = load()\ndf  # show it\n# done\n", 4)).isEqualTo(Optional.of("_4"));
        assertThat(OutputMapper.resultVariable("df\n# done\n", 4)).contains("df");
    }

    @Test
    void anExpressionResultIsReadBackThroughOutputHistory() {
        assertThat(OutputMapper.resultVariable("df.head(20)", 9)).contains("_9");
        assertThat(OutputMapper.resultVariable("df.head(20)", 0)).isEmpty();
    }

    @Test
    void aTableSchemaBundleBecomesATableWithItsVariable() {
        List<OutputItem> items = new ArrayList<>();
        OutputMapper.append(items, new Output.Result(3, new MimeBundle(Map.of(MimeBundle.TABLE_SCHEMA, "{}",
                MimeBundle.TEXT_HTML, "<table>", MimeBundle.TEXT_PLAIN, "   a\n0  1")), Map.of()), "sales");
        assertThat(items.getFirst()).isEqualTo(new OutputItem.Table(Optional.of("sales"), "{}", "   a\n0  1"));
    }

    @Test
    void markdownAndPlainTextAreKeptApart() {
        assertThat(OutputMapper.fromBundle(MimeBundle.of(MimeBundle.TEXT_MARKDOWN, "# Hi"), Optional.empty(), false))
                .isEqualTo(new OutputItem.Markdown("# Hi"));
        assertThat(OutputMapper.fromBundle(MimeBundle.of(MimeBundle.TEXT_PLAIN, "42"), Optional.empty(), true))
                .isEqualTo(new OutputItem.Text("42", true));
    }

    @Test
    void colourCodesAreRemovedFromTextAndTracebacks() {
        assertThat(OutputMapper.stripAnsi("\u001B[0;31mKeyError\u001B[0m: 'x'")).isEqualTo("KeyError: 'x'");
        List<OutputItem> items = new ArrayList<>();
        OutputMapper.append(items, new Output.Error("KeyError", "'x'", List.of("\u001B[1mline\u001B[0m")), "");
        assertThat(((OutputItem.Error) items.getFirst()).traceback()).containsExactly("line");
    }

    @Test
    void aComputationsProgressIsOneLiveItemThatGoesWhenItFinishes() {
        java.util.List<OutputItem> items = new java.util.ArrayList<>();
        OutputMapper.append(items, new Output.Display(new studio.codeact.engine.MimeBundle(java.util.Map.of(
                studio.codeact.engine.MimeBundle.PROGRESS, "{\"done\": 3, \"total\": 12, \"elapsed\": 1.5, \"finished\": false}",
                studio.codeact.engine.MimeBundle.TEXT_PLAIN, "dask: 3/12 tasks")), java.util.Map.of()), "");
        OutputMapper.append(items, new Output.Display(new studio.codeact.engine.MimeBundle(java.util.Map.of(
                studio.codeact.engine.MimeBundle.PROGRESS, "{\"done\": 6, \"total\": 12, \"elapsed\": 2.0, \"finished\": false}")), java.util.Map.of()), "");

        org.assertj.core.api.Assertions.assertThat(items).containsExactly(new OutputItem.Progress(6, 12, 2.0));
        org.assertj.core.api.Assertions.assertThat(((OutputItem.Progress) items.getFirst()).fraction()).isEqualTo(0.5);

        OutputMapper.append(items, new Output.Display(new studio.codeact.engine.MimeBundle(java.util.Map.of(
                studio.codeact.engine.MimeBundle.PROGRESS, "{\"done\": 12, \"total\": 12, \"elapsed\": 3.0, \"finished\": true}")), java.util.Map.of()), "");
        org.assertj.core.api.Assertions.assertThat(items).isEmpty();
    }
}
