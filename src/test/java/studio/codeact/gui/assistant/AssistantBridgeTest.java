package studio.codeact.gui.assistant;

import org.junit.jupiter.api.Test;
import studio.codeact.agent.CodeActAgent;
import studio.codeact.gui.ScriptedEngine;
import studio.codeact.gui.UiExecutor;
import studio.codeact.gui.approval.Decision;
import studio.codeact.gui.cells.NotebookViewModel;
import studio.codeact.gui.chat.ChatItem;
import studio.codeact.gui.chat.ChatViewModel;
import studio.codeact.session.SessionStore;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class AssistantBridgeTest {

    private final ChatViewModel chat = new ChatViewModel();
    private final NotebookViewModel notebook = new NotebookViewModel(
            () -> CompletableFuture.completedFuture(new ScriptedEngine()), UiExecutor.direct(), System::nanoTime);

    @Test
    void aFailedQuestionIsReportedOnceInTheChat() throws Exception {
        ExecutorService agentThread = Executors.newSingleThreadExecutor();
        try {
            Function<SessionStore, CodeActAgent> agents = store -> {
                throw new IllegalStateException("the Python engine could not start: no libpython");
            };
            AssistantBridge bridge = new AssistantBridge(agents, () -> null, chat, notebook, UiExecutor.direct(), agentThread,
                    () -> false, action -> CompletableFuture.completedFuture(new Decision.Run()));

            Throwable failure = catchThrowable(() -> bridge.ask("How many rows?").get());
            agentThread.submit(() -> { }).get(); // the report is queued behind the question

            assertThat(failure).hasRootCauseMessage("the Python engine could not start: no libpython");
            assertThat(chat.items()).filteredOn(ChatItem.Notice.class::isInstance)
                    .singleElement()
                    .satisfies(item -> assertThat(((ChatItem.Notice) item).text()).contains("could not start"));
        } finally {
            agentThread.shutdownNow();
        }
    }
}
