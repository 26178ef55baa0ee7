package studio.codeact.gui.markdown;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class MarkdownViewFxTest {

    private MarkdownView view;

    @Start
    void start(Stage stage) {
        view = new MarkdownView();
        stage.setScene(new Scene(view, 500, 400));
        stage.show();
    }

    private static String text(Node node) {
        if (node instanceof TextFlow flow) {
            return flow.getChildren().stream().map(MarkdownViewFxTest::text).collect(Collectors.joining());
        }
        if (node instanceof Text t) {
            return t.getText();
        }
        if (node instanceof Hyperlink link) {
            return link.getText();
        }
        return "";
    }

    @Test
    void blocksBecomeNodesWithTheirStyles(FxRobot robot) {
        robot.interact(() -> {
            view.markdownProperty().set("""
                    # Result

                    The **mean** is `42` — see [docs](https://pandas.pydata.org).

                    - first
                    - second

                    ```python
                    df.mean()
                    ```

                    | a | b |
                    |---|---|
                    | 1 | 2 |
                    """);
            view.render();
        });
        List<Node> blocks = view.getChildren();
        assertThat(blocks).hasSize(5);
        assertThat(blocks.get(0).getStyleClass()).contains("md-h1");
        assertThat(text(blocks.get(1))).isEqualTo("The mean is 42 — see docs.");
        Text strong = (Text) ((TextFlow) blocks.get(1)).getChildren().get(1);
        assertThat(strong.getStyleClass()).contains("md-strong");
        assertThat(blocks.get(2).getStyleClass()).contains("md-list");
        assertThat(((Label) blocks.get(3)).getText()).isEqualTo("df.mean()");
        assertThat(blocks.get(4)).isInstanceOf(GridPane.class);
        assertThat(((GridPane) blocks.get(4)).getChildren()).hasSize(4);
    }

    @Test
    void streamingMoreTextKeepsTheNodesOfFinishedBlocks(FxRobot robot) {
        robot.interact(() -> {
            view.markdownProperty().set("First paragraph.\n\n- item one\n- item two\n\nThe third is still");
            view.render();
        });
        List<Node> before = new ArrayList<>(view.getChildren());
        Node firstItem = ((javafx.scene.layout.HBox) ((javafx.scene.layout.VBox) before.get(1)).getChildren().getFirst());
        robot.interact(() -> {
            view.markdownProperty().set("First paragraph.\n\n- item one\n- item two\n\nThe third is still growing.");
            view.render();
        });
        assertThat(view.getChildren()).hasSize(3);
        assertThat(view.getChildren().get(0)).isSameAs(before.get(0));
        assertThat(view.getChildren().get(1)).isSameAs(before.get(1));
        assertThat(view.getChildren().get(2)).isNotSameAs(before.get(2));
        assertThat(text(view.getChildren().get(2))).isEqualTo("The third is still growing.");

        robot.interact(() -> {
            view.markdownProperty().set("First paragraph.\n\n- item one\n- item two\n- item three");
            view.render();
        });
        assertThat(view.getChildren()).hasSize(2);
        javafx.scene.layout.VBox list = (javafx.scene.layout.VBox) view.getChildren().get(1);
        assertThat(list.getChildren()).hasSize(3);
        assertThat(list.getChildren().stream().map(row -> text(((javafx.scene.layout.VBox) ((javafx.scene.layout.HBox) row).getChildren().get(1))
                .getChildren().getFirst())).toList()).containsExactly("item one", "item two", "item three");
        assertThat(firstItem).isNotNull();
    }
}
