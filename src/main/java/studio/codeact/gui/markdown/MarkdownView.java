package studio.codeact.gui.markdown;

import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.layout.VBox;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;

import java.util.List;
import java.util.function.Consumer;

/**
 * Markdown shown as JavaFX nodes (no WebView): commonmark-java parses, {@link NodeBuilder}
 * turns the tree into text flows, lists, code blocks and grids. While a reply streams in, the
 * text changes many times a second; rendering happens at most once per pulse.
 */
public final class MarkdownView extends VBox {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    private final StringProperty markdown = new SimpleStringProperty(this, "markdown", "");
    private Consumer<String> linkHandler = url -> { };
    private boolean renderPending;
    private String rendered;

    public MarkdownView() {
        getStyleClass().add("markdown");
        getStylesheets().add(MarkdownView.class.getResource("markdown.css").toExternalForm());
        markdown.addListener((obs, old, now) -> scheduleRender());
    }

    public MarkdownView(String text) {
        this();
        markdown.set(text);
        render();
    }

    /** The Markdown source; bind it to a view model's text. */
    public StringProperty markdownProperty() {
        return markdown;
    }

    /** Called with a link's URL when the user clicks it. */
    public void setOnLink(Consumer<String> handler) {
        linkHandler = handler;
    }

    private void scheduleRender() {
        if (renderPending) {
            return;
        }
        renderPending = true;
        if (Platform.isFxApplicationThread()) {
            Platform.runLater(this::render);
        } else {
            render();
        }
    }

    /** Renders now (normally it happens on its own after a change). */
    public void render() {
        renderPending = false;
        String text = markdown.get() == null ? "" : markdown.get();
        if (text.equals(rendered)) {
            return;
        }
        rendered = text;
        org.commonmark.node.Node document = PARSER.parse(text);
        List<Node> blocks = new NodeBuilder(url -> linkHandler.accept(url)).blocks(document);
        getChildren().setAll(blocks);
    }
}
