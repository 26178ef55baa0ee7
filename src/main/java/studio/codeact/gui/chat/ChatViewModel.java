package studio.codeact.gui.chat;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.codeact.gui.cells.CellViewModel;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The conversation: the user's questions, the assistant's streaming replies, action cards
 * linked to cells, and what is going on right now ("thinking…", "running cell 3 — 4.2 s").
 * The agent's events arrive through the methods under "Events", always on the UI thread.
 */
public final class ChatViewModel {

    public enum State {
        /** Nothing under way; a question can be sent. */
        IDLE,
        /** The model is writing. */
        THINKING,
        /** A code action runs. */
        RUNNING,
        /** An action waits for the user's approval. */
        WAITING
    }

    /** What the empty chat says before any data is loaded. */
    public static final String EMPTY_HINT = "Drop a data file on the window, then ask a question about it.";

    private final ObservableList<ChatItem> items = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners added to a throw-away wrapper would be lost with it. */
    private final ObservableList<ChatItem> itemsView = FXCollections.unmodifiableObservableList(items);
    private final StringProperty input = new SimpleStringProperty(this, "input", "");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper(this, "activity", "");
    private final BooleanProperty modelConfigured = new SimpleBooleanProperty(this, "modelConfigured", false);
    private final ReadOnlyStringWrapper sessionUsage = new ReadOnlyStringWrapper(this, "sessionUsage", "");
    private final ReadOnlyStringWrapper continueOffer = new ReadOnlyStringWrapper(this, "continueOffer", "");
    private Runnable onContinue = () -> { };
    private String rerunLabel;
    private final ReadOnlyStringWrapper emptyHint = new ReadOnlyStringWrapper(this, "emptyHint", EMPTY_HINT);
    private final BooleanBinding canSend;

    private Consumer<String> asker = question -> { };
    private Runnable stopper = () -> { };
    private ChatItem.Reply reply;
    private CellViewModel runningCell;
    private final ChangeListener<Duration> elapsedListener = (obs, old, now) -> updateActivity();

    public ChatViewModel() {
        canSend = Bindings.createBooleanBinding(() -> !input.get().isBlank() && modelConfigured.get(), input, modelConfigured);
    }

    /** Who answers questions and stops work (the agent bridge); set once at start-up. */
    public void connect(Consumer<String> ask, Runnable stop) {
        asker = ask;
        stopper = stop;
    }

    // Properties

    public ObservableList<ChatItem> items() {
        return itemsView;
    }

    /** The text being typed. */
    public StringProperty inputProperty() {
        return input;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    /** One line on what is going on, empty when idle. */
    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    /** The tokens (and estimated cost) of the session so far, for the status bar; empty before the first model call. */
    public ReadOnlyStringProperty sessionUsageProperty() {
        return sessionUsage.getReadOnlyProperty();
    }

    /** What the empty chat says: drop a file, or — once data is loaded — ask about it. */
    public ReadOnlyStringProperty emptyHintProperty() {
        return emptyHint.getReadOnlyProperty();
    }

    /** The datasets the session holds now (their variables); the empty chat then invites a question about them. */
    public void datasetsLoaded(java.util.List<String> variables) {
        if (variables.isEmpty()) {
            emptyHint.set(EMPTY_HINT);
            return;
        }
        boolean one = variables.size() == 1;
        emptyHint.set(String.join(", ", variables) + (one ? " is" : " are") + " loaded. Ask a question about " + (one ? "it" : "them")
                + " below — for example, what stands out?");
    }

    /** The offer to continue a saved session that is on screen ("Continue"), or empty. */
    public ReadOnlyStringProperty continueOfferProperty() {
        return continueOffer.getReadOnlyProperty();
    }

    /** Offers to continue the saved session on screen; {@link #continueSession()} then runs {@code action}. */
    public void offerContinue(String text, Runnable action) {
        onContinue = action;
        continueOffer.set(text);
    }

    /** The "Continue" button: withdraws the offer and continues the session. */
    public void continueSession() {
        if (continueOffer.get().isEmpty()) {
            return;
        }
        continueOffer.set("");
        Runnable action = onContinue;
        onContinue = () -> { };
        action.run();
    }

    /** A saved session's cell runs again ({@code index} of {@code total}); the activity line says so. */
    public void rerunStarted(CellViewModel cell, int index, int total) {
        rerunLabel = String.format(Locale.ROOT, "re-running cell %d (%d of %d)", cell.number(), index, total);
        watch(cell);
        setState(State.RUNNING);
    }

    /** The saved session's cells have run again (or could not): the chat is ready for the next question. */
    public void rerunDone() {
        rerunLabel = null;
        watch(null);
        setState(State.IDLE);
    }

    /** Whether a model is set up; without one the chat offers settings and the demo instead. */
    public BooleanProperty modelConfiguredProperty() {
        return modelConfigured;
    }

    public BooleanBinding canSendProperty() {
        return canSend;
    }

    // Commands

    /** Sends the typed question (a follow-up when work is under way: the agent takes it after the current turn). */
    public boolean send() {
        if (!canSend.get()) {
            return false;
        }
        String question = input.get().strip();
        input.set("");
        items.add(new ChatItem.Question(question));
        if (state.get() == State.IDLE) {
            setState(State.THINKING);
        }
        asker.accept(question);
        return true;
    }

    /** Stops the model and the running cell. */
    public void stop() {
        if (state.get() != State.IDLE) {
            stopper.run();
        }
    }

    // Events (from the agent bridge, on the UI thread)

    /** A question that did not come from the box (a demo's scripted question, a restored session). */
    public void question(String text) {
        closeReply();
        items.add(new ChatItem.Question(text));
        setState(State.THINKING);
    }

    public void assistantDelta(String text) {
        if (reply == null || !reply.streamingProperty().get()) {
            reply = new ChatItem.Reply();
            items.add(reply);
        }
        reply.append(text);
        if (state.get() != State.THINKING) {
            setState(State.THINKING);
        }
    }

    /** The model's message is complete; {@code finalText} replaces what streamed (null keeps it). */
    public void assistantDone(String finalText) {
        if (reply != null) {
            if (finalText != null && finalText.isBlank() && reply.text().isBlank()) {
                items.remove(reply);
            } else {
                reply.finish(finalText);
            }
            reply = null;
        } else if (finalText != null && !finalText.isBlank()) {
            ChatItem.Reply done = new ChatItem.Reply();
            done.finish(finalText);
            items.add(done);
        }
    }

    public void actionWaiting(CellViewModel cell) {
        closeReply();
        setState(State.WAITING);
    }

    public void actionStarted(CellViewModel cell) {
        closeReply();
        if (items.stream().noneMatch(item -> item instanceof ChatItem.Action a && a.cell() == cell)) {
            items.add(new ChatItem.Action(cell));
        }
        watch(cell);
        setState(State.RUNNING);
    }

    /** An action's cell ended; the model goes on (a cell that ran outside a question leaves the chat idle). */
    public void actionFinished(CellViewModel cell) {
        if (runningCell == cell) {
            watch(null);
        }
        if (state.get() == State.RUNNING || state.get() == State.WAITING) {
            setState(State.THINKING);
        }
    }

    /** The turn ended with an answer (already streamed as the last reply). */
    public void answered() {
        closeReply();
        watch(null);
        setState(State.IDLE);
    }

    /** The turn ended without an answer; {@code message} says why in one sentence. */
    public void failed(String message) {
        closeReply();
        watch(null);
        items.add(new ChatItem.Notice(ChatItem.Level.ERROR, message));
        setState(State.IDLE);
    }

    /** The session's running total of tokens changed (after each model turn). */
    public void sessionUsage(String text) {
        sessionUsage.set(text == null ? "" : text);
    }

    /** What the question just ended cost, shown under its answer. */
    public void answerUsage(String text) {
        if (text != null && !text.isBlank()) {
            items.add(new ChatItem.Notice(ChatItem.Level.USAGE, text));
        }
    }

    public void notice(ChatItem.Level level, String message) {
        items.add(new ChatItem.Notice(level, message));
    }

    public void clear() {
        items.clear();
        sessionUsage.set("");
        emptyHint.set(EMPTY_HINT);
        continueOffer.set("");
        onContinue = () -> { };
        rerunLabel = null;
        reply = null;
        watch(null);
        setState(State.IDLE);
    }

    private void closeReply() {
        if (reply != null) {
            assistantDone(null);
        }
    }

    private void watch(CellViewModel cell) {
        if (runningCell != null) {
            runningCell.elapsedProperty().removeListener(elapsedListener);
        }
        runningCell = cell;
        if (cell != null) {
            cell.elapsedProperty().addListener(elapsedListener);
        }
        updateActivity();
    }

    private void setState(State next) {
        state.set(next);
        updateActivity();
    }

    private void updateActivity() {
        activity.set(switch (state.get()) {
            case IDLE -> "";
            case THINKING -> "thinking…";
            case WAITING -> "waiting for your approval";
            case RUNNING -> rerunLabel != null ? rerunLabel + (runningCell == null ? "" : String.format(Locale.ROOT, " \u2014 %.1f s",
                    runningCell.elapsedProperty().get().toMillis() / 1000.0))
                    : runningCell == null ? "running code…"
                    : String.format(Locale.ROOT, "running cell %d — %.1f s", runningCell.number(),
                    runningCell.elapsedProperty().get().toMillis() / 1000.0);
        });
    }
}
