package studio.codeact.gui.cells;

import javafx.geometry.Bounds;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import org.fxmisc.richtext.CodeArea;
import studio.codeact.engine.Completion;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/** The engine's completions under the caret, in a small menu; choosing one replaces the word. */
final class CompletionPopup {

    static final int MAX_ITEMS = 15;

    private final CodeArea editor;
    private final BiFunction<String, Integer, CompletableFuture<Completion>> source;
    private final ContextMenu menu = new ContextMenu();

    CompletionPopup(CodeArea editor, BiFunction<String, Integer, CompletableFuture<Completion>> source) {
        this.editor = editor;
        this.source = source;
        menu.getStyleClass().add("completion-menu");
    }

    /** True when the character before the caret belongs to a name or attribute access (Tab completes then). */
    boolean wordBeforeCaret() {
        int caret = editor.getCaretPosition();
        if (caret == 0) {
            return false;
        }
        char before = editor.getText().charAt(caret - 1);
        return Character.isLetterOrDigit(before) || before == '_' || before == '.';
    }

    void request() {
        String code = editor.getText();
        int caret = editor.getCaretPosition();
        source.apply(code, caret).whenComplete((completion, error) -> studio.codeact.gui.UiExecutor.fx().execute(() -> {
            if (error == null && code.equals(editor.getText()) && caret == editor.getCaretPosition()) {
                show(completion);
            }
        }));
    }

    private void show(Completion completion) {
        menu.getItems().clear();
        if (completion.matches().isEmpty()) {
            menu.hide();
            return;
        }
        if (completion.matches().size() == 1) {
            apply(completion, completion.matches().getFirst());
            return;
        }
        for (String match : completion.matches().stream().limit(MAX_ITEMS).toList()) {
            MenuItem item = new MenuItem(match);
            item.setMnemonicParsing(false);
            item.setOnAction(event -> apply(completion, match));
            menu.getItems().add(item);
        }
        Optional<Bounds> caret = editor.getCaretBounds();
        caret.ifPresent(bounds -> menu.show(editor, bounds.getMinX(), bounds.getMaxY()));
    }

    private void apply(Completion completion, String match) {
        int start = Math.clamp(completion.cursorStart(), 0, editor.getLength());
        int end = Math.clamp(completion.cursorEnd(), start, editor.getLength());
        editor.replaceText(start, end, match);
        editor.moveTo(start + match.length());
    }
}
