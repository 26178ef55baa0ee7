package studio.codeact.gui.markdown;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Markdown shown as JavaFX nodes (no WebView): commonmark-java parses, {@link NodeBuilder}
 * turns the tree into text flows, lists, code blocks and grids. While a reply streams in, the
 * text changes many times a second: rendering happens at most every 80 ms, and only the blocks
 * whose source changed (usually the last one) get new nodes.
 */
public final class MarkdownView extends VBox {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
    /** While text streams in, render at most this often: each render re-lays out the changed blocks. */
    static final long MIN_RENDER_GAP_NANOS = 80_000_000;

    private final StringProperty markdown = new SimpleStringProperty(this, "markdown", "");
    private Consumer<String> linkHandler = url -> { };
    private boolean renderPending;
    private String rendered;
    private long lastRender;
    /** Nodes on screen by block key (kind and source text), at every level: unchanged blocks keep their nodes. */
    private java.util.Map<String, Node> nodesByKey = java.util.Map.of();

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
        if (!Platform.isFxApplicationThread()) {
            render();
            return;
        }
        long wait = lastRender + MIN_RENDER_GAP_NANOS - System.nanoTime();
        if (wait <= 0) {
            Platform.runLater(this::render);
        } else {
            PauseTransition pause = new PauseTransition(Duration.millis(wait / 1e6));
            pause.setOnFinished(event -> render());
            pause.play();
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
        lastRender = System.nanoTime();
        org.commonmark.node.Node document = PARSER.parse(text);
        NodeBuilder builder = new NodeBuilder(url -> linkHandler.accept(url), text, nodesByKey, this);
        List<Node> blocks = new ArrayList<>();
        for (org.commonmark.node.Node block = document.getFirstChild(); block != null; block = block.getNext()) {
            Node node = builder.block(block);
            blocks.add(node == null ? new javafx.scene.layout.Region() : node);
        }
        nodesByKey = builder.nodesByKey();
        // Leave the unchanged leading blocks where they are (while streaming: all but the last few).
        javafx.collections.ObservableList<Node> shown = getChildren();
        int same = 0;
        while (same < blocks.size() && same < shown.size() && blocks.get(same) == shown.get(same)) {
            same++;
        }
        shown.remove(same, shown.size());
        shown.addAll(blocks.subList(same, blocks.size()));
    }
}
