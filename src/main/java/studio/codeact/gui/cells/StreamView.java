package studio.codeact.gui.cells;

import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import studio.codeact.engine.Output;

/**
 * Printed text in a monospace block. Long output shows its first {@value #HEAD_LINES} lines
 * and a "show all" link; all of it then appears in a scrolling text area.
 */
final class StreamView extends VBox {

    static final int HEAD_LINES = 30;
    /** The line {@link studio.codeact.engine.OutputBound} puts where it cut a flood. */
    private static final java.util.regex.Pattern CUT = java.util.regex.Pattern.compile("\\[… ([0-9,]+ characters(?: \\([0-9,]+ lines\\))?) cut from the middle …\\]");

    private final OutputItem.StreamText stream;
    private final Label head = new Label();
    private final Hyperlink more = new Hyperlink();
    private boolean expanded;

    StreamView(OutputItem.StreamText stream) {
        this.stream = stream;
        getStyleClass().addAll("stream-output", stream.stream() == Output.StreamName.STDERR ? "stderr" : "stdout");
        head.getStyleClass().add("output-text");
        head.setWrapText(true);
        head.setMaxWidth(Double.MAX_VALUE);
        head.setMinHeight(USE_PREF_SIZE);
        more.getStyleClass().add("show-all");
        more.setOnAction(event -> expand());
        getChildren().add(head);
        stream.textProperty().addListener((obs, old, now) -> update());
        update();
    }

    private void update() {
        if (expanded) {
            ((TextArea) getChildren().getFirst()).setText(trimmed());
            return;
        }
        String text = trimmed();
        int cut = nthNewline(text, HEAD_LINES);
        if (cut < 0) {
            head.setText(text);
            getChildren().remove(more);
        } else {
            head.setText(text.substring(0, cut) + "\n…");
            long lines = text.chars().filter(c -> c == '\n').count() + 1;
            java.util.regex.Matcher cutLine = CUT.matcher(text);
            more.setText(cutLine.find() ? "show all " + lines + " lines kept \u00b7 " + cutLine.group(1) + " cut from the middle" : "show all " + lines + " lines");
            if (!getChildren().contains(more)) {
                getChildren().add(more);
            }
        }
    }

    private void expand() {
        expanded = true;
        TextArea all = new TextArea(trimmed());
        all.setEditable(false);
        all.getStyleClass().add("output-text");
        long lines = all.getText().chars().filter(c -> c == '\n').count() + 1;
        all.setPrefRowCount((int) Math.min(lines, 25));
        getChildren().setAll(all);
    }

    private String trimmed() {
        String text = stream.text();
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static int nthNewline(String text, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = text.indexOf('\n', at + 1);
            if (at < 0) {
                return -1;
            }
        }
        return at;
    }
}
