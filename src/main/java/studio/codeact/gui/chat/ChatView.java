package studio.codeact.gui.chat;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.markdown.MarkdownView;

import java.util.function.Consumer;

/**
 * The chat pane: messages in a virtualised list, the "thinking / running cell 3 — 4.2 s" line,
 * and the question box (Enter sends, Shift+Enter starts a new line) with Send and Stop.
 */
public final class ChatView extends BorderPane {

    private final ChatViewModel model;
    private final ListView<ChatItem> list = new ListView<>();
    private final TextArea input = new TextArea();
    private final Button send = new Button("Send");
    private final Button stop = new Button("Stop");

    /**
     * @param openCell     shows a cell in the history (action cards link to it)
     * @param welcome      what to show while no model is configured (settings and demo buttons)
     */
    public ChatView(ChatViewModel model, Consumer<CellViewModel> openCell, Node welcome) {
        this.model = model;
        getStyleClass().add("chat-view");
        getStylesheets().add(ChatView.class.getResource("chat.css").toExternalForm());

        list.setItems(model.items());
        list.getStyleClass().add("chat-list");
        list.setFocusTraversable(false);
        list.setCellFactory(view -> new Row(list, openCell));
        Label empty = new Label();
        empty.textProperty().bind(model.emptyHintProperty());
        empty.getStyleClass().add("chat-hint");
        empty.setWrapText(true);
        list.setPlaceholder(empty);
        model.items().addListener((ListChangeListener<ChatItem>) change -> {
            if (!model.items().isEmpty()) {
                list.scrollTo(model.items().size() - 1);
            }
        });

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("activity-spinner");
        spinner.setPrefSize(14, 14);
        spinner.setMaxSize(14, 14);
        Label activity = new Label();
        activity.getStyleClass().add("activity");
        activity.textProperty().bind(model.activityProperty());
        HBox activityLine = new HBox(6, spinner, activity);
        activityLine.setAlignment(Pos.CENTER_LEFT);
        activityLine.getStyleClass().add("activity-line");
        activityLine.visibleProperty().bind(model.activityProperty().isNotEmpty());
        activityLine.managedProperty().bind(activityLine.visibleProperty());

        input.setPromptText("Ask about your data…  (Enter sends, Shift+Enter for a new line)");
        input.setWrapText(true);
        input.setPrefRowCount(3);
        input.getStyleClass().add("chat-input");
        input.textProperty().bindBidirectional(model.inputProperty());
        input.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER && !event.isShiftDown() && !event.isControlDown()) {
                event.consume();
                model.send();
            } else if (event.getCode() == KeyCode.ENTER && event.isShiftDown()) {
                event.consume();
                input.insertText(input.getCaretPosition(), "\n");
            }
        });
        send.getStyleClass().add("accent");
        send.disableProperty().bind(model.canSendProperty().not());
        send.setOnAction(event -> model.send());
        stop.getStyleClass().add("danger");
        stop.setOnAction(event -> model.stop());
        stop.disableProperty().bind(model.stateProperty().isEqualTo(ChatViewModel.State.IDLE));
        send.setMinWidth(Region.USE_PREF_SIZE);
        stop.setMinWidth(Region.USE_PREF_SIZE);
        VBox buttons = new VBox(6, send, stop);
        send.setMaxWidth(Double.MAX_VALUE);
        stop.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(input, Priority.ALWAYS);
        HBox inputRow = new HBox(6, input, buttons);
        inputRow.getStyleClass().add("chat-input-row");
        VBox bottom = new VBox(4, activityLine, inputRow);
        bottom.getStyleClass().add("chat-bottom");

        Label title = new Label("Chat");
        title.getStyleClass().add("pane-title");
        Label offer = new Label();
        offer.setWrapText(true);
        offer.textProperty().bind(model.continueOfferProperty());
        Button resume = new Button("Continue");
        resume.getStyleClass().addAll("accent", "continue-session");
        resume.setMinWidth(Region.USE_PREF_SIZE);
        resume.setOnAction(event -> model.continueSession());
        HBox.setHgrow(offer, Priority.ALWAYS);
        HBox continueBar = new HBox(8, offer, resume);
        continueBar.setAlignment(Pos.CENTER_LEFT);
        continueBar.getStyleClass().add("continue-bar");
        continueBar.visibleProperty().bind(model.continueOfferProperty().isNotEmpty());
        continueBar.managedProperty().bind(continueBar.visibleProperty());
        setTop(new VBox(title, continueBar));
        centerProperty().bind(Bindings.when(model.modelConfiguredProperty().or(Bindings.isNotEmpty(model.items())))
                .then((Node) list).otherwise(welcome));
        setBottom(bottom);
    }

    public TextArea input() {
        return input;
    }

    public ListView<ChatItem> list() {
        return list;
    }

    /** Puts the caret in the question box. */
    public void focusInput() {
        input.requestFocus();
    }

    private static final class Row extends ListCell<ChatItem> {
        private final ListView<ChatItem> list;
        private final Consumer<CellViewModel> openCell;

        Row(ListView<ChatItem> list, Consumer<CellViewModel> openCell) {
            this.list = list;
            this.openCell = openCell;
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            getStyleClass().add("chat-row");
        }

        @Override
        protected void updateItem(ChatItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            Region node = switch (item) {
                case ChatItem.Question question -> bubble(question.text());
                case ChatItem.Reply reply -> reply(reply);
                case ChatItem.Action action -> new ActionCard(action.cell(), openCell);
                case ChatItem.Notice notice -> notice(notice);
            };
            node.prefWidthProperty().bind(list.widthProperty().subtract(34));
            node.setMaxWidth(Region.USE_PREF_SIZE);
            setGraphic(node);
        }

        private static Region bubble(String text) {
            Label label = new Label(text);
            label.setWrapText(true);
            label.getStyleClass().add("question-text");
            label.setMinHeight(Region.USE_PREF_SIZE);
            HBox box = new HBox(label);
            box.setAlignment(Pos.CENTER_RIGHT);
            box.getStyleClass().add("question");
            return box;
        }

        private static Region reply(ChatItem.Reply reply) {
            MarkdownView markdown = new MarkdownView();
            markdown.markdownProperty().bind(reply.textProperty());
            markdown.render();
            markdown.getStyleClass().add("reply");
            return markdown;
        }

        private static Region notice(ChatItem.Notice notice) {
            Label label = new Label(notice.text());
            label.setWrapText(true);
            label.getStyleClass().addAll("notice", notice.level().name().toLowerCase(java.util.Locale.ROOT));
            label.setMinHeight(Region.USE_PREF_SIZE);
            return new VBox(label);
        }
    }
}
