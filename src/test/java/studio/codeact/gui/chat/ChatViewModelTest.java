package studio.codeact.gui.chat;

import org.junit.jupiter.api.Test;
import studio.codeact.gui.ScriptedEngine;
import studio.codeact.gui.UiExecutor;
import studio.codeact.gui.cells.CellViewModel;
import studio.codeact.gui.cells.NotebookViewModel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ChatViewModelTest {

    private final ChatViewModel chat = new ChatViewModel();
    private final List<String> asked = new ArrayList<>();
    private final AtomicInteger stops = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong();
    private final NotebookViewModel notebook = new NotebookViewModel(
            () -> CompletableFuture.completedFuture(new ScriptedEngine()), UiExecutor.direct(), clock::get);

    ChatViewModelTest() {
        chat.connect(asked::add, stops::incrementAndGet);
        chat.modelConfiguredProperty().set(true);
    }

    @Test
    void sendingAQuestionClearsTheBoxAndAsksTheAgent() {
        chat.inputProperty().set("  What is the mean price?  ");
        assertThat(chat.send()).isTrue();
        assertThat(asked).containsExactly("What is the mean price?");
        assertThat(chat.inputProperty().get()).isEmpty();
        assertThat(chat.items()).containsExactly(new ChatItem.Question("What is the mean price?"));
        assertThat(chat.state()).isEqualTo(ChatViewModel.State.THINKING);
        assertThat(chat.activityProperty().get()).isEqualTo("thinking…");
    }

    @Test
    void nothingIsSentWithoutAModelOrText() {
        chat.inputProperty().set("   ");
        assertThat(chat.send()).isFalse();
        chat.modelConfiguredProperty().set(false);
        chat.inputProperty().set("hello");
        assertThat(chat.canSendProperty().get()).isFalse();
        assertThat(chat.send()).isFalse();
        assertThat(asked).isEmpty();
    }

    @Test
    void streamedDeltasGrowOneReply() {
        chat.assistantDelta("The mean ");
        chat.assistantDelta("is **42**.");
        assertThat(chat.items()).hasSize(1);
        ChatItem.Reply reply = (ChatItem.Reply) chat.items().getFirst();
        assertThat(reply.text()).isEqualTo("The mean is **42**.");
        assertThat(reply.streamingProperty().get()).isTrue();
        chat.answered();
        assertThat(reply.streamingProperty().get()).isFalse();
        assertThat(chat.state()).isEqualTo(ChatViewModel.State.IDLE);
        assertThat(chat.activityProperty().get()).isEmpty();
    }

    @Test
    void anActionShowsACardAndTheRunningCellWithItsTime() {
        chat.assistantDelta("Let me look.");
        CellViewModel cell = notebook.beginAgentCell("df.describe()");
        chat.actionStarted(cell);
        assertThat(chat.items()).hasSize(2).last().isEqualTo(new ChatItem.Action(cell));
        assertThat(((ChatItem.Reply) chat.items().getFirst()).streamingProperty().get()).isFalse();

        clock.addAndGet(4_200_000_000L);
        notebook.tick();
        assertThat(chat.activityProperty().get()).isEqualTo("running cell " + cell.number() + " — 4.2 s");

        chat.actionFinished(cell);
        assertThat(chat.state()).isEqualTo(ChatViewModel.State.THINKING);
        chat.assistantDelta("Done.");
        assertThat(chat.items()).hasSize(3);
    }

    @Test
    void aFailureEndsTheTurnWithANotice() {
        chat.inputProperty().set("go");
        chat.send();
        chat.failed("The model server refused the API key; check it in Settings.");
        assertThat(chat.items().getLast()).isEqualTo(new ChatItem.Notice(ChatItem.Level.ERROR,
                "The model server refused the API key; check it in Settings."));
        assertThat(chat.state()).isEqualTo(ChatViewModel.State.IDLE);
    }

    @Test
    void stopOnlyActsWhileWorking() {
        chat.stop();
        assertThat(stops).hasValue(0);
        chat.inputProperty().set("go");
        chat.send();
        chat.stop();
        assertThat(stops).hasValue(1);
    }

    @Test
    void theFinalTextReplacesWhatStreamed() {
        chat.assistantDelta("Answer <solution>42</solution>");
        chat.assistantDone("Answer 42");
        assertThat(((ChatItem.Reply) chat.items().getFirst()).text()).isEqualTo("Answer 42");
    }

    @Test
    void aCellFinishingOutsideAQuestionLeavesTheChatIdle() {
        CellViewModel setup = notebook.beginAgentCell("sales = pd.read_csv('sales.csv')");
        chat.actionFinished(setup);
        assertThat(chat.state()).isEqualTo(ChatViewModel.State.IDLE);
    }

    @Test
    void anActionCardPreviewShowsTheFirstLines() {
        assertThat(ActionCard.preview("a = 1\nb = 2\nc = 3\nd = 4\ne = 5")).isEqualTo("a = 1\nb = 2\nc = 3\n… 2 more lines");
    }

    @Test
    void aSilentModelShowsTheWaitWithItsElapsedTimeAndCanBeStopped() {
        AtomicLong now = new AtomicLong(1_000);
        ChatViewModel waiting = new ChatViewModel(now::get);
        List<String> questions = new ArrayList<>();
        AtomicInteger stopped = new AtomicInteger();
        waiting.connect(questions::add, stopped::incrementAndGet);
        waiting.modelConfiguredProperty().set(true);
        waiting.inputProperty().set("Anyone there?");
        waiting.send();

        now.addAndGet(12_300_000_000L);
        waiting.tick();
        assertThat(waiting.activityProperty().get()).isEqualTo("waiting for the model… 12 s");
        now.addAndGet(18_000_000_000L);
        waiting.tick();
        assertThat(waiting.activityProperty().get()).isEqualTo("waiting for the model… 30 s");
        waiting.stop();
        assertThat(stopped.get()).isEqualTo(1);

        waiting.assistantDelta("Here");
        now.addAndGet(5_000_000_000L);
        waiting.tick();
        assertThat(waiting.activityProperty().get()).isEqualTo("thinking…");
    }
}
