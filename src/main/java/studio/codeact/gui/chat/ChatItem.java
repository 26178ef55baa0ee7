package studio.codeact.gui.chat;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import studio.codeact.gui.cells.CellViewModel;

/** One entry of the chat: a question, a reply (growing while it streams), an action card, or a notice. */
public sealed interface ChatItem {

    record Question(String text) implements ChatItem { }

    /**
     * The assistant's words. Text grows on the FX thread while {@link #streamingProperty()} is true;
     * code actions in it are left out (they show as cells).
     */
    final class Reply implements ChatItem {
        private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
        private final ReadOnlyBooleanWrapper streaming = new ReadOnlyBooleanWrapper(true);
        private final StringBuilder buffer = new StringBuilder();

        public ReadOnlyStringProperty textProperty() {
            return text.getReadOnlyProperty();
        }

        public String text() {
            return text.get();
        }

        public ReadOnlyBooleanProperty streamingProperty() {
            return streaming.getReadOnlyProperty();
        }

        void append(String delta) {
            buffer.append(delta);
            text.set(ReplyText.prose(buffer.toString()));
        }

        /** Replaces the streamed text with the final one (the agent may strip the code action from it). */
        void finish(String finalText) {
            if (finalText != null) {
                buffer.setLength(0);
                buffer.append(finalText);
                text.set(ReplyText.prose(finalText));
            }
            streaming.set(false);
        }
    }

    /** A code action the assistant ran, linked to its cell. */
    record Action(CellViewModel cell) implements ChatItem { }

    /** Something the user should know: a failure, a turn limit, a load error, what an answer cost. */
    record Notice(Level level, String text) implements ChatItem { }

    /** {@code USAGE} is the quiet line under an answer with its tokens and estimated cost. */
    enum Level { INFO, WARNING, ERROR, USAGE }
}
