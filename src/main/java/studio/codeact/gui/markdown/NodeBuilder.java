package studio.codeact.gui.markdown;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;

import org.commonmark.node.SourceSpan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Walks a commonmark document and builds JavaFX nodes: block elements become boxes, inline
 * runs become {@link Text}s in a {@link TextFlow} carrying style classes ({@code md-strong},
 * {@code md-code} …) that {@code markdown.css} colours from the theme.
 */
final class NodeBuilder {

    private final Consumer<String> onLink;
    private final String source;
    private final Map<String, Node> previous;
    private final Map<String, Node> built = new HashMap<>();
    private final javafx.scene.Parent root;

    /**
     * @param source   the Markdown text the document was parsed from (with block source spans)
     * @param previous nodes of the last render by block key; unchanged blocks are taken from here instead of being built again
     * @param root     the view the top-level blocks go into
     */
    NodeBuilder(Consumer<String> onLink, String source, Map<String, Node> previous, javafx.scene.Parent root) {
        this.onLink = onLink;
        this.root = root;
        this.source = source;
        this.previous = new HashMap<>(previous);
    }

    /** The nodes of this render by block key, to hand to the next one. */
    Map<String, Node> nodesByKey() {
        return built;
    }

    List<Node> blocks(org.commonmark.node.Node parent) {
        List<Node> nodes = new ArrayList<>();
        for (org.commonmark.node.Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            Node built = block(child);
            if (built != null) {
                nodes.add(built);
            }
        }
        return nodes;
    }

    /** The node for one block, or {@code null} for an empty one: reused when the same block (kind and source text) was shown before. */
    Node block(org.commonmark.node.Node node) {
        String key = key(node);
        Node reused = key == null ? null : previous.remove(key);
        if (reused != null) {
            // A top-level block stays in the view (the view keeps unchanged ones in place); a nested one moves to its new parent.
            if (reused.getParent() != root && reused.getParent() instanceof javafx.scene.layout.Pane parent) {
                parent.getChildren().remove(reused);
            }
            built.put(key, reused);
            return reused;
        }
        Node fresh = build(node);
        if (key != null && fresh != null) {
            built.put(key, fresh);
        }
        return fresh;
    }

    private String key(org.commonmark.node.Node block) {
        List<SourceSpan> spans = block.getSourceSpans();
        if (spans.isEmpty()) {
            return null;
        }
        int from = Math.max(0, spans.getFirst().getInputIndex());
        int to = Math.min(source.length(), spans.getLast().getInputIndex() + spans.getLast().getLength());
        return from > to ? null : block.getClass().getSimpleName() + ":" + source.substring(from, to);
    }

    private Node build(org.commonmark.node.Node node) {
        return switch (node) {
            case Paragraph p -> flow(p, "md-paragraph");
            case Heading h -> flow(h, "md-h" + Math.min(h.getLevel(), 4));
            case FencedCodeBlock code -> codeBlock(code.getLiteral());
            case IndentedCodeBlock code -> codeBlock(code.getLiteral());
            case BulletList list -> list(list, false, 1);
            case OrderedList list -> list(list, true, list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber());
            case BlockQuote quote -> box(blocks(quote), "md-quote");
            case ThematicBreak br -> new Separator();
            case HtmlBlock html -> codeBlock(html.getLiteral());
            case TableBlock table -> table(table);
            default -> node.getFirstChild() == null ? null : box(blocks(node), "md-block");
        };
    }

    private VBox box(List<Node> children, String styleClass) {
        VBox box = new VBox();
        box.getStyleClass().add(styleClass);
        box.getChildren().setAll(children);
        return box;
    }

    private Node codeBlock(String literal) {
        String text = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        Label code = new Label(text);
        code.getStyleClass().add("md-code-block");
        code.setWrapText(true);
        code.setMaxWidth(Double.MAX_VALUE);
        code.setMinHeight(Label.USE_PREF_SIZE);
        return code;
    }

    private Node list(org.commonmark.node.ListBlock list, boolean ordered, int start) {
        VBox box = new VBox();
        box.getStyleClass().add("md-list");
        int number = start;
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            Label marker = new Label(ordered ? (number++) + "." : "•");
            marker.getStyleClass().add("md-list-marker");
            marker.setMinWidth(ordered ? 22 : 14);
            VBox content = box(blocks(item), "md-list-content");
            HBox.setHgrow(content, Priority.ALWAYS);
            HBox row = new HBox(4, marker, content);
            box.getChildren().add(row);
        }
        return box;
    }

    private Node table(TableBlock table) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        int row = 0;
        for (org.commonmark.node.Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            boolean head = section instanceof TableHead;
            for (org.commonmark.node.Node r = section.getFirstChild(); r != null; r = r.getNext()) {
                if (!(r instanceof TableRow)) {
                    continue;
                }
                int column = 0;
                for (org.commonmark.node.Node c = r.getFirstChild(); c != null; c = c.getNext()) {
                    if (c instanceof TableCell cell) {
                        TextFlow flow = flow(cell, head ? "md-th" : "md-td");
                        flow.setPadding(new Insets(2, 8, 2, 8));
                        grid.add(flow, column++, row);
                    }
                }
                row++;
            }
        }
        return grid;
    }

    private TextFlow flow(org.commonmark.node.Node parent, String styleClass) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add(styleClass);
        inlines(parent, flow.getChildren(), new HashSet<>());
        return flow;
    }

    private void inlines(org.commonmark.node.Node parent, List<Node> out, Set<String> styles) {
        for (org.commonmark.node.Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
            switch (node) {
                case org.commonmark.node.Text text -> out.add(text(text.getLiteral(), styles));
                case Code code -> {
                    Set<String> inner = new HashSet<>(styles);
                    inner.add("md-code");
                    out.add(text(code.getLiteral(), inner));
                }
                case Emphasis emphasis -> nested(emphasis, out, styles, "md-emph");
                case StrongEmphasis strong -> nested(strong, out, styles, "md-strong");
                case SoftLineBreak br -> out.add(text(" ", styles));
                case HardLineBreak br -> out.add(text("\n", styles));
                case HtmlInline html -> out.add(text(html.getLiteral(), styles));
                case Link link -> out.add(link(link));
                case Image image -> {
                    Set<String> inner = new HashSet<>(styles);
                    inner.add("md-emph");
                    out.add(text("[image: " + plain(image) + "]", inner));
                }
                default -> inlines(node, out, styles);
            }
        }
    }

    private void nested(org.commonmark.node.Node node, List<Node> out, Set<String> styles, String style) {
        Set<String> inner = new HashSet<>(styles);
        inner.add(style);
        inlines(node, out, inner);
    }

    private Node link(Link link) {
        Hyperlink hyperlink = new Hyperlink(plain(link));
        hyperlink.getStyleClass().add("md-link");
        String url = link.getDestination();
        hyperlink.setOnAction(event -> onLink.accept(url));
        return hyperlink;
    }

    private static Text text(String literal, Set<String> styles) {
        Text text = new Text(literal);
        text.getStyleClass().add("md-text");
        text.getStyleClass().addAll(styles);
        return text;
    }

    private static String plain(org.commonmark.node.Node node) {
        StringBuilder out = new StringBuilder();
        for (org.commonmark.node.Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof org.commonmark.node.Text t) {
                out.append(t.getLiteral());
            } else if (child instanceof Code c) {
                out.append(c.getLiteral());
            } else {
                out.append(plain(child));
            }
        }
        return out.toString();
    }
}
