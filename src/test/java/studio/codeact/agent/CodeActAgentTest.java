package studio.codeact.agent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.codeact.engine.EngineConfig;
import studio.codeact.engine.EngineKind;
import studio.codeact.engine.Engines;
import studio.codeact.engine.PythonEngine;
import studio.codeact.engine.PythonLocator;
import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.ChatRequest;
import studio.codeact.llm.LlmException;
import studio.codeact.llm.ToolCall;
import studio.codeact.llm.Usage;
import studio.codeact.llm.scripted.ScriptedChatModel;
import studio.codeact.llm.scripted.ScriptedReply;
import studio.codeact.session.CellStatus;
import studio.codeact.session.Session;
import studio.codeact.session.SessionInfo;
import studio.codeact.session.SessionStatus;
import studio.codeact.session.SessionStore;
import studio.codeact.session.TokenUsage;
import studio.codeact.testing.LastingFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent loop with a scripted model in-process and the real embedded engine: the behaviours
 * that do not depend on the wire format or the engine kind (those are covered end to end by the
 * {@code ask} scenario suites).
 */
class CodeActAgentTest {

    /** Lasts the whole JVM: it becomes the embedded engine's working folder (see {@link LastingFolder}). */
    private final Path folder = LastingFolder.create("codeact-agent-test-");

    private PythonEngine engine;
    private SessionStore store;
    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private final List<Thread> eventThreads = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startEngine() throws Exception {
        Path work = Files.createDirectories(folder.resolve("work"));
        engine = Engines.create(EngineKind.EMBEDDED, EngineConfig.of(PythonLocator.choose(null)).withWorkingDirectory(work));
        engine.start();
        store = SessionStore.create(folder.resolve("session"), Session.start("test", Instant.now(),
                new SessionInfo("scripted", "scripted", "embedded", "", "", work.toString(), 10, "", List.of())));
    }

    @AfterEach
    void closeEngineAndStore() {
        engine.close();
        store.close();
    }

    private CodeActAgent agent(ScriptedChatModel model, AgentConfig config) {
        CodeActAgent agent = new CodeActAgent(model, engine, store, config);
        agent.setListener(event -> {
            events.add(event);
            eventThreads.add(Thread.currentThread());
        });
        return agent;
    }

    private static AgentConfig tags() {
        return AgentConfig.defaults("scripted", "scripted").withActionMode(ActionMode.TAGS);
    }

    private static String userText(ChatRequest request) {
        ChatMessage last = request.messages().getLast();
        return switch (last) {
            case ChatMessage.User user -> user.text();
            case ChatMessage.ToolResult result -> result.content();
            default -> "";
        };
    }

    @Test
    void aReplyWithoutCodeIsTheAnswer() {
        ScriptedChatModel model = ScriptedChatModel.replying("The answer is 42.");

        AgentEvent.Terminal end = agent(model, tags()).ask("What is six times seven?");

        assertThat(end).isEqualTo(new AgentEvent.Answered("The answer is 42."));
        assertThat(store.current().status()).isEqualTo(SessionStatus.ANSWERED);
        assertThat(store.current().answer()).contains("The answer is 42.");
    }

    @Test
    void tagModeSendsTheStopSequenceAndRestoresTheClosingTag() {
        ScriptedChatModel model = ScriptedChatModel.replying("<execute>\nprint(6 * 7)\n</execute> and more text the server never sends",
                "<solution>42</solution>");

        AgentEvent.Terminal end = agent(model, tags()).ask("Compute it.");

        assertThat(end).isEqualTo(new AgentEvent.Answered("42"));
        ChatRequest second = model.requests().get(1);
        assertThat(model.requests().getFirst().stop()).containsExactly("</execute>");
        assertThat(second.messages().get(2)).isEqualTo(ChatMessage.Assistant.text("<execute>\nprint(6 * 7)\n</execute>"));
        assertThat(userText(second)).isEqualTo("Observation:\n42\n[9 turns left]");
    }

    @Test
    void anErrorGoesBackToTheModelWhichRepairsIt() {
        ScriptedChatModel model = ScriptedChatModel.replying(
                "<execute>\nimport pandas as pd\ndf = pd.DataFrame({'price': [1.0, 3.0]})\nprint(df['Price'].mean())\n</execute>",
                "<execute>\nprint(df['price'].mean())\n</execute>",
                "The mean price is 2.0.");

        AgentEvent.Terminal end = agent(model, tags()).ask("Mean price?");

        assertThat(end).isEqualTo(new AgentEvent.Answered("The mean price is 2.0."));
        String observation = userText(model.requests().get(1));
        assertThat(observation).contains("----> 3 print(df['Price'].mean())").contains("KeyError: 'Price'").doesNotContain("\u001b[")
                .doesNotContain("pandas/core");
        assertThat(userText(model.requests().get(2))).startsWith("Observation:\n2.0");
        assertThat(store.current().containsSelfRepair()).isTrue();
    }

    @Test
    void everyEventArrivesOnTheAskingThreadInOrder() {
        ScriptedChatModel model = ScriptedChatModel.replying("Let me print.\n<execute>\nfor i in range(3):\n    print(i)\n</execute>", "Done.");

        agent(model, tags()).ask("Count.");

        assertThat(eventThreads).containsOnly(Thread.currentThread());
        List<Class<?>> kinds = new ArrayList<>();
        events.forEach(e -> {
            if (kinds.isEmpty() || kinds.getLast() != e.getClass()) {
                kinds.add(e.getClass());
            }
        });
        assertThat(kinds).containsSubsequence(AgentEvent.TurnStarted.class, AgentEvent.AssistantDelta.class, AgentEvent.AssistantReplied.class,
                AgentEvent.ActionStarted.class, AgentEvent.CellOutput.class, AgentEvent.ActionFinished.class, AgentEvent.Observation.class,
                AgentEvent.TurnFinished.class, AgentEvent.TurnStarted.class, AgentEvent.Answered.class);
        String streamed = events.stream().filter(AgentEvent.AssistantDelta.class::isInstance).map(e -> ((AgentEvent.AssistantDelta) e).text())
                .reduce("", String::concat);
        assertThat(streamed).startsWith("Let me print.");
    }

    @Test
    void theTurnLimitEndsTheQuestionWithoutAnAnswer() {
        ScriptedChatModel model = ScriptedChatModel.replying("<execute>\nx = 1\n</execute>", "<execute>\nx += 1\n</execute>");

        AgentEvent.Terminal end = agent(model, tags().withMaxTurns(2)).ask("Loop.");

        assertThat(end).isEqualTo(new AgentEvent.TurnLimitReached(2));
        assertThat(userText(model.requests().get(1))).contains("1 turn left: this is your last").contains("<solution>");
        assertThat(store.current().status()).isEqualTo(SessionStatus.TURN_LIMIT);
    }

    @Test
    void aModelRepeatingItselfIsWarnedThenStopped() {
        String same = "<execute>\nprint(undefined_name)\n</execute>";
        ScriptedChatModel model = ScriptedChatModel.replying(same, same, same, same);

        AgentEvent.Terminal end = agent(model, tags()).ask("Go.");

        assertThat(userText(model.requests().get(3))).contains("same error 3 times").contains("try something different");
        assertThat(end).isInstanceOfSatisfying(AgentEvent.Failed.class, failed -> assertThat(failed.message()).contains("stuck"));
        assertThat(store.current().status()).isEqualTo(SessionStatus.FAILED);
    }

    @Test
    void aRejectedActionIsReportedToTheModelAndAnEditedOneRunsAsEdited() {
        ScriptedChatModel model = ScriptedChatModel.replying("<execute>\nimport os\nos.remove('data.csv')\n</execute>",
                "<execute>\nprint('safe')\n</execute>", "ok");
        CodeActAgent agent = agent(model, tags());
        List<String> seen = new ArrayList<>();
        agent.setApprover((cell, code) -> {
            seen.add(code);
            return code.contains("os.remove") ? new Approver.Decision.Reject("do not delete files")
                    : new Approver.Decision.Edit("print('edited')");
        });

        agent.ask("Clean up.");

        assertThat(userText(model.requests().get(1))).contains("did not let this action run: do not delete files");
        assertThat(userText(model.requests().get(2))).startsWith("Observation:\nedited").contains("The user edited your code");
        assertThat(store.current().cells()).extracting(c -> c.status()).containsExactly(CellStatus.REJECTED, CellStatus.OK);
        assertThat(store.current().cells().get(1).code()).isEqualTo("print('edited')");
    }

    @Test
    void aTimedOutActionIsInterruptedAndEarlierStateIsKept() {
        ScriptedChatModel model = ScriptedChatModel.replying("<execute>\nkept = 5\nwhile True:\n    pass\n</execute>",
                "<execute>\nprint(kept * 2)\n</execute>", "10");

        AgentEvent.Terminal end = agent(model, tags().withCellTimeout(Duration.ofSeconds(1))).ask("Spin.");

        assertThat(end).isEqualTo(new AgentEvent.Answered("10"));
        assertThat(userText(model.requests().get(1))).contains("cell time limit and was interrupted").contains("Variables assigned before");
        assertThat(userText(model.requests().get(2))).startsWith("Observation:\n10");
        assertThat(store.current().cells().getFirst().status()).isEqualTo(CellStatus.TIMED_OUT);
    }

    @Test
    void cancellingStopsTheRunningCell() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.replying("<execute>\nimport time\nprint('start', flush=True)\ntime.sleep(60)\n</execute>");
        CodeActAgent agent = agent(model, tags());
        agent.setListener(event -> {
            if (event instanceof AgentEvent.CellOutput) {
                Thread.ofPlatform().start(agent::cancel);
            }
        });
        long started = System.nanoTime();

        AgentEvent.Terminal end = agent.ask("Wait.");

        assertThat(end).isEqualTo(new AgentEvent.Cancelled());
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(20_000);
        assertThat(store.current().status()).isEqualTo(SessionStatus.CANCELLED);
    }

    @Test
    void aFollowUpKeepsTheConversationAndTheVariables() {
        ScriptedChatModel model = ScriptedChatModel.replying("<execute>\ntotal = 40 + 2\nprint(total)\n</execute>", "42",
                "<execute>\nprint(total * 2)\n</execute>", "84");
        CodeActAgent agent = agent(model, tags());

        agent.ask("What is 40 + 2?");
        AgentEvent.Terminal end = agent.ask("And twice that?");

        assertThat(end).isEqualTo(new AgentEvent.Answered("84"));
        assertThat(userText(model.requests().get(3))).startsWith("Observation:\n84");
        assertThat(model.requests().get(2).messages()).extracting(m -> m.getClass().getSimpleName())
                .containsExactly("System", "User", "Assistant", "User", "Assistant", "User");
    }

    @Test
    void toolModeSendsEachResultAsTheToolsResult() {
        ScriptedChatModel model = new ScriptedChatModel()
                .then(ScriptedReply.toolCalls("Computing.", new ToolCall("call_1", "execute_python", "{\"code\": \"print(2 + 2)\"}")))
                .thenText("<solution>4</solution>");

        AgentEvent.Terminal end = agent(model, AgentConfig.defaults("openai", "m").withActionMode(ActionMode.TOOLS)).ask("2 + 2?");

        assertThat(end).isEqualTo(new AgentEvent.Answered("4"));
        assertThat(model.requests().getFirst().tools()).extracting(t -> t.name()).containsExactly("execute_python");
        assertThat(model.requests().getFirst().stop()).isEmpty();
        assertThat(model.requests().get(1).messages().getLast()).isEqualTo(new ChatMessage.ToolResult("call_1", "execute_python", "4\n[9 turns left]"));
        assertThat(store.current().entries()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(studio.codeact.session.Entry.Reply.class,
                reply -> assertThat(reply.text()).isEqualTo("Computing.\n<execute>\nprint(2 + 2)\n</execute>")));
    }

    @Test
    void automaticModeFallsBackToTagsWhenTheServerRefusesTools() {
        ScriptedChatModel model = new ScriptedChatModel()
                .failOnTurn(1, new LlmException.BadRequest("the server refused the request", "tools are not supported by this model"))
                .thenText("<solution>fine</solution>");
        CodeActAgent agent = agent(model, AgentConfig.defaults("openai", "m"));

        AgentEvent.Terminal end = agent.ask("Hi?");

        assertThat(end).isEqualTo(new AgentEvent.Answered("fine"));
        assertThat(model.requests().get(0).tools()).isNotEmpty();
        assertThat(model.requests().get(1).tools()).isEmpty();
        assertThat(model.requests().get(1).stop()).containsExactly("</execute>");
        assertThat(((ChatMessage.System) model.requests().get(1).messages().getFirst()).text()).contains("<execute>");
        assertThat(agent.actionMode()).isEqualTo(ActionMode.TAGS);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(AgentEvent.Notice.class));
    }

    @Test
    void anUnrelatedRefusalIsAFailureNotAFallback() {
        ScriptedChatModel model = new ScriptedChatModel()
                .failOnTurn(1, new LlmException.BadRequest("the server refused the request", "maximum context length is 4096 tokens"));
        CodeActAgent agent = agent(model, AgentConfig.defaults("openai", "m"));

        AgentEvent.Terminal end = agent.ask("Hi?");

        assertThat(end).isInstanceOfSatisfying(AgentEvent.Failed.class, failed -> assertThat(failed.message()).contains("refused"));
        assertThat(model.requests()).hasSize(1);
        assertThat(agent.actionMode()).isEqualTo(ActionMode.TOOLS);
    }

    @Test
    void aServerWithoutASystemRoleGetsThePromptInTheFirstUserMessage() {
        ScriptedChatModel model = new ScriptedChatModel()
                .failOnTurn(1, new LlmException.BadRequest("refused", "Conversation roles must alternate user/assistant/user/assistant/..."))
                .thenText("Hello.");

        agent(model, tags()).ask("Hi?");

        ChatRequest retried = model.requests().get(1);
        assertThat(retried.messages()).noneMatch(ChatMessage.System.class::isInstance);
        assertThat(((ChatMessage.User) retried.messages().getFirst()).text()).contains("data analyst").endsWith("Hi?");
    }

    @Test
    void aModelFailureEndsTheQuestionAndLeavesAReadableSession() {
        ScriptedChatModel model = ScriptedChatModel.replying("<execute>\nprint(1)\n</execute>", "<execute>\nprint(2)\n</execute>")
                .failOnTurn(3, new LlmException.ServerError("the server at http://x answered 500", 500));

        AgentEvent.Terminal end = agent(model, tags()).ask("Go.");

        assertThat(end).isInstanceOfSatisfying(AgentEvent.Failed.class, failed -> assertThat(failed.message()).contains("500"));
        Session read = SessionStore.read(folder.resolve("session"));
        assertThat(read.status()).isEqualTo(SessionStatus.FAILED);
        assertThat(read.cells()).hasSize(2);
    }

    @Test
    void contextLevelsOffUnderTheBudgetOverALongSession() {
        ScriptedChatModel model = new ScriptedChatModel();
        for (int i = 1; i < 30; i++) {
            model.thenText("Step " + i + "\n<execute>\nprint('\\n'.join('row %d of " + i + "' % r for r in range(300)))\n</execute>");
        }
        model.thenText("done");
        List<Integer> sizes = new ArrayList<>();
        CodeActAgent agent = agent(model, tags().withMaxTurns(30).withBudgets(4_000, 20_000));
        agent.setListener(event -> {
            if (event instanceof AgentEvent.TurnFinished finished) {
                sizes.add(finished.stats().charsSent());
            }
        });

        assertThat(agent.ask("Print many rows.")).isEqualTo(new AgentEvent.Answered("done"));

        assertThat(sizes).hasSize(30).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(20_000));
        assertThat(userText(model.requests().getLast())).contains("cut from the middle");
    }

    @Test
    void datasetsAreLoadedAsTheFirstCellAndDescribedInThePrompt() throws Exception {
        Path csv = Files.writeString(folder.resolve("sales.csv"), "region,revenue\nnorth,10.5\nsouth,20.25\n");
        ScriptedChatModel model = ScriptedChatModel.replying("<execute>\nprint(sales['revenue'].sum())\n</execute>", "30.75");
        CodeActAgent agent = agent(model, tags());

        List<Dataset> datasets = agent.loadDatasets(List.of(csv));
        AgentEvent.Terminal end = agent.ask("Total revenue?");

        assertThat(datasets).extracting(Dataset::variable).containsExactly("sales");
        assertThat(end).isEqualTo(new AgentEvent.Answered("30.75"));
        String system = ((ChatMessage.System) model.requests().getFirst().messages().getFirst()).text();
        assertThat(system).contains("`sales` from " + csv).contains("2 rows \u00d7 2 columns").contains("revenue (float64)").contains("north");
        assertThat(userText(model.requests().get(1))).startsWith("Observation:\n30.75");
        assertThat(store.current().cells().getFirst().code()).startsWith("import pandas as pd\nimport numpy as np\nimport matplotlib.pyplot as plt\nsales = pd.read_csv(");
    }

    @Test
    void filesLoadedOneAtATimeAreAllDescribedInThePrompt() throws Exception {
        Path first = Files.writeString(folder.resolve("sales.csv"), "region,revenue\nnorth,10.5\n");
        Path second = Files.writeString(folder.resolve("stores.csv"), "store,region\nS1,north\n");
        ScriptedChatModel model = ScriptedChatModel.replying("Two tables.");
        CodeActAgent agent = agent(model, tags());

        agent.loadDatasets(List.of(first));
        agent.loadDatasets(List.of(second));
        agent.ask("What is loaded?");

        assertThat(agent.datasets()).extracting(Dataset::variable).containsExactly("sales", "stores");
        String system = ((ChatMessage.System) model.requests().getFirst().messages().getFirst()).text();
        assertThat(system).contains("`sales` from " + first).contains("`stores` from " + second);
    }

    @Test
    void dataLoadedAfterTheFirstQuestionIsToldWithTheNextAndEarlierRequestsStayAsSent() throws Exception {
        Path first = Files.writeString(folder.resolve("sales.csv"), "region,revenue\nnorth,10.5\n");
        Path second = Files.writeString(folder.resolve("stores.csv"), "store,region\nS1,north\n");
        ScriptedChatModel model = ScriptedChatModel.replying("One table.", "Two tables.");
        CodeActAgent agent = agent(model, tags());

        agent.loadDatasets(List.of(first));
        agent.ask("What is loaded?");
        agent.loadDatasets(List.of(second));
        agent.ask("And now?");

        List<ChatMessage> before = model.requests().get(0).messages();
        List<ChatMessage> after = model.requests().get(1).messages();
        assertThat(after.subList(0, before.size())).as("the second request starts with the first").isEqualTo(before);
        assertThat(((ChatMessage.System) after.getFirst()).text()).doesNotContain("stores");
        assertThat(userText(model.requests().get(1))).contains("`stores` from " + second).contains("S1").endsWith("And now?");
        assertThat(agent.datasets()).extracting(Dataset::variable).containsExactly("sales", "stores");
    }

    @Test
    void eachTurnReportsAndRecordsTheTokensOfItsModelCall() {
        ScriptedChatModel model = new ScriptedChatModel()
                .then(ScriptedReply.text("<execute>\nprint(1)\n</execute>").withUsage(new Usage(900, 40, 0, -1)))
                .then(ScriptedReply.text("It printed 1.").withUsage(new Usage(1_000, 5, 896, -1)));
        List<TokenUsage> turns = new ArrayList<>();
        CodeActAgent agent = agent(model, tags());
        agent.setListener(event -> {
            if (event instanceof AgentEvent.TurnFinished finished) {
                turns.add(finished.stats().usage());
            }
        });

        agent.ask("Print one.");

        assertThat(turns).containsExactly(TokenUsage.ofCall(900, 40, 0, -1), TokenUsage.ofCall(1_000, 5, 896, -1));
        assertThat(store.current().usage()).isEqualTo(new TokenUsage(2, 1_900, 45, 896, 0, 0));
        assertThat(store.current().usageByQuestion()).containsExactly(store.current().usage());
    }

    @Test
    void visionModelsSeeTheLatestFiguresAsImages() {
        ScriptedChatModel model = ScriptedChatModel.replying("""
                <execute>
                import matplotlib.pyplot as plt
                plt.plot([3, 1, 2])
                plt.show()
                </execute>""", "A zigzag.");

        agent(model, tags().withVision(true)).ask("Describe the plot.");

        ChatMessage.User observation = (ChatMessage.User) model.requests().get(1).messages().getLast();
        assertThat(observation.content()).hasSize(2);
        assertThat(observation.content().get(1)).isInstanceOfSatisfying(ChatMessage.Content.Image.class,
                image -> assertThat(image.bytes()).startsWith(0x89, 'P', 'N', 'G'));
        assertThat(((ChatMessage.System) model.requests().getFirst().messages().getFirst()).text()).contains("you also see the image");
    }

    @Test
    void figuresAreSavedAndNamedInTheObservation() {
        ScriptedChatModel model = ScriptedChatModel.replying("""
                <execute>
                import matplotlib.pyplot as plt
                plt.figure(figsize=(4, 3), dpi=100)
                plt.plot([1, 2, 3])
                plt.show()
                </execute>""", "Plotted.");
        AtomicReference<String> observation = new AtomicReference<>();

        agent(model, tags()).ask("Plot.");
        observation.set(userText(model.requests().get(1)));

        assertThat(observation.get()).containsPattern("\\[figure 1: \\d{3}\u00d7\\d{3} PNG saved as figures/001\\.png]");
        assertThat(folder.resolve("session/figures/001.png")).exists();
        assertThat(store.current().cells().getFirst().figures()).containsExactly("figures/001.png");
    }
}
