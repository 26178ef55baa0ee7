package studio.codeact.gui.report;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.MimeBundle;
import studio.codeact.engine.Output;
import studio.codeact.gui.ScriptedEngine;
import studio.codeact.gui.UiExecutor;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.cells.NotebookViewModel;
import studio.codeact.gui.chat.ChatViewModel;

import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    @Test
    void theReportHoldsTheConversationCodeAndInlineFigures() {
        ScriptedEngine engine = new ScriptedEngine();
        NotebookViewModel notebook = new NotebookViewModel(() -> CompletableFuture.completedFuture(engine), UiExecutor.direct(), System::nanoTime);
        ChatViewModel chat = new ChatViewModel();
        chat.modelConfiguredProperty().set(true);
        chat.inputProperty().set("Plot <sales> by month");
        chat.send();
        chat.assistantDelta("Here is the **plot**:");
        CellViewModel cell = notebook.addCell("plt.plot(sales)");
        notebook.run(cell);
        chat.actionStarted(cell);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        engine.next().ok(1, new Output.Display(new MimeBundle(Map.of(MimeBundle.IMAGE_PNG, Base64.getEncoder().encodeToString(png))), Map.of()));
        chat.assistantDelta("<script>alert(1)</script>\n\nSales peak in **May**.");
        chat.answered();
        CellViewModel manual = notebook.addCell("x = 1");

        String html = HtmlReport.render("Sales", chat.items(), notebook.cells());

        assertThat(html).contains("<div class=\"question\">Plot &lt;sales&gt; by month</div>")
                .contains("<strong>plot</strong>")
                .contains("<pre class=\"code\">plt.plot(sales)</pre>")
                .contains("src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"")
                .contains("<strong>May</strong>")
                .doesNotContain("<script>")
                .contains("Other cells").contains("x = 1");
        assertThat(manual.state()).isEqualTo(CellViewModel.State.IDLE);
    }
}
