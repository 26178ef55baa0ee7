package studio.codeact.bench;

import studio.codeact.agent.ActionFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.codeact.llm.ChatMessage;
import studio.codeact.llm.scripted.ScriptedChatModel;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static studio.codeact.bench.JsonModeTest.lastUserText;

/**
 * A faithful experiment over a real engine, with a small fixture suite whose tools keep state (a
 * browser on a page), a declared signature that is not the function's, and a variadic tool.
 */
class FidelityTest {

    private static final String TOOLS = """
            _state = {"page": "/"}


            def click(url: str) -> str:
                \"""Opens a page.\"""
                _state["page"] = url
                return "opened " + url


            def current() -> str:
                \"""The page shown now.\"""
                return _state["page"]


            def smallest(*args):
                \"""The smallest of the arguments.\"""
                return min(args)


            def shout(s: str) -> str:
                \"""Upper-cases a text.\"""
                return s.upper()
            """;

    private static final String TASKS = """
            import os
            from . import tools

            def tasks():
                yield {"id": "first-page", "instruction": "Which page is shown at first?", "answer": "/",
                       "tools": ["click", "current"], "case_sensitive": True}
                yield {"id": "smallest", "instruction": "The smallest of 3, 1.5 and 2?", "answer": 1.5,
                       "tools": ["smallest"]}
                yield {"id": "shout", "instruction": "Shout 'quiet'.", "answer": "QUIET", "case_sensitive": True,
                       "tools": [{"function": tools.shout, "description": "Upper-cases. Arguments: string (str)",
                                  "signature": "shout(string: str) -> str"}]}
            """;

    @TempDir
    Path folder;

    private TaskSuite suite() throws Exception {
        Files.writeString(folder.resolve("tools.py"), TOOLS);
        Files.writeString(folder.resolve("tasks.py"), TASKS);
        return SharedEngine.python().load(folder);
    }

    private static ModelUnderTest scripted(ScriptedChatModel model) {
        return new ModelUnderTest("scripted", "scripted", model, 0.0, null);
    }

    @Test
    void everyRunStartsFromFreshToolStateWhateverTheRunBeforeItChanged() throws Exception {
        TaskSuite suite = suite();
        BenchTask task = suite.task("first-page").orElseThrow();
        ScriptedChatModel code = ScriptedChatModel.replying("<execute>\nprint(click('/about'), current())\n</execute>",
                "<solution>/about</solution>").onCallerThread();
        TaskResult codeRun = new CodeEpisode(Duration.ofSeconds(30), studio.codeact.agent.ActionMode.TAGS)
                .run(suite, task, scripted(code), SharedEngine.python()).result();
        assertThat(lastUserText(code.lastRequest())).contains("opened /about /about");
        assertThat(codeRun.outcome()).isEqualTo(Outcome.WRONG_ANSWER);
        assertThat(codeRun.expected()).isEqualTo("'/'");
        assertThat(codeRun.gradedBy()).isEqualTo("exact (case-sensitive)");

        ScriptedChatModel json = ScriptedChatModel.replying("{\"name\": \"current\", \"arguments\": {}}", "<solution>/</solution>")
                .onCallerThread();
        TaskResult jsonRun = new ToolCallEpisode(ActionFormat.JSON).run(suite, task, scripted(json), SharedEngine.python()).result();
        assertThat(lastUserText(json.lastRequest())).startsWith("Observation:\n/\n");
        assertThat(jsonRun.outcome()).isEqualTo(Outcome.SOLVED);
        assertThat(jsonRun.gradedBy()).isEqualTo("exact (case-sensitive)");
        assertThat(jsonRun.expected()).isNull();
    }

    @Test
    void promptsShowTheCheckedSignatureAndCheckSuiteReportsTheDeclaredOne() throws Exception {
        TaskSuite suite = suite();
        BenchTask shout = suite.task("shout").orElseThrow();
        assertThat(Prompts.task(ActionFormat.TEXT, shout)).contains("- shout(s: str) -> str").doesNotContain("shout(string");
        StringWriter printed = new StringWriter();
        List<TaskCheck> checks = SuiteCheck.run(SharedEngine.python(), suite, new PrintWriter(printed, true));
        assertThat(checks).allMatch(TaskCheck::ok);
        assertThat(printed.toString()).contains("1 tool is declared with a signature that is not the function's")
                .contains("shout: declared shout(string: str) -> str, but the function is shout(s: str) -> str");
    }

    @Test
    void jsonAndTextModesCallVariadicToolsWithArgumentsInOrder() throws Exception {
        TaskSuite suite = suite();
        BenchTask task = suite.task("smallest").orElseThrow();
        ScriptedChatModel json = ScriptedChatModel.replying("{\"name\": \"smallest\", \"arguments\": [3, 1.5, 2]}",
                "<solution>1.5</solution>").onCallerThread();
        assertThat(new ToolCallEpisode(ActionFormat.JSON).run(suite, task, scripted(json), SharedEngine.python()).result().outcome())
                .isEqualTo(Outcome.SOLVED);
        assertThat(lastUserText(json.lastRequest())).startsWith("Observation:\n1.5");
        ScriptedChatModel text = ScriptedChatModel.replying("Action: smallest\nAction Input: [3, 1.5, 2]", "<solution>1.5</solution>")
                .onCallerThread();
        new ToolCallEpisode(ActionFormat.TEXT).run(suite, task, scripted(text), SharedEngine.python());
        assertThat(lastUserText(text.lastRequest())).startsWith("Observation:\n1.5");
        String system = ((ChatMessage.System) text.requests().getFirst().messages().getFirst()).text();
        assertThat(system).isEqualTo(((ChatMessage.System) json.requests().getFirst().messages().getFirst()).text()
                .replace(BundledFiles.read("prompts/action_json.md").strip(), BundledFiles.read("prompts/action_text.md").strip()));
    }

    @Test
    void thePapersProtocolAnswersAWrongAnswerAndLetsTheModelTryAgain() throws Exception {
        TaskSuite suite = suite();
        BenchTask task = suite.task("smallest").orElseThrow();
        ScriptedChatModel model = ScriptedChatModel.replying("Thought: compare.\nAction: smallest, 3, 1.5, 2 End Action",
                "Answer: 2", "Answer: 1.5").onCallerThread();
        EpisodeResult episode = new M3ToolEvalEpisode(ActionFormat.TEXT, Duration.ofSeconds(30)).run(suite, task, scripted(model),
                SharedEngine.python());
        assertThat(episode.result().outcome()).isEqualTo(Outcome.SOLVED);
        assertThat(episode.result().turns()).isEqualTo(3);
        String prompt = ((ChatMessage.User) model.requests().getFirst().messages().getFirst()).text();
        assertThat(prompt).startsWith("You have access to the following tools:\n[1] smallest: The smallest of the arguments.\n"
                        + "    Signature: smallest(*args)")
                .contains("Example: 'Action: tool_name, argument_1 End Action'")
                .contains("Instruction: The smallest of 3, 1.5 and 2?")
                .endsWith("Please ONLY output the answer (e.g., single number), without any other text.");
        assertThat(lastUserText(model.requests().get(1))).isEqualTo("1.5");
        assertThat(lastUserText(model.requests().get(2))).startsWith("Your answer is incorrect. Please try again.");
        assertThat(episode.conversation()).hasSize(6);
    }

    @Test
    void thePapersCodeModeRunsTheActionInTheEngineAndShowsWhatItPrinted() throws Exception {
        TaskSuite suite = suite();
        BenchTask task = suite.task("smallest").orElseThrow();
        ScriptedChatModel model = ScriptedChatModel.replying("Action:\nx = smallest(3, 1.5, 2)\nEnd Action",
                "Action:\nprint(x)\nEnd Action", "Answer: 1.5").onCallerThread();
        EpisodeResult episode = new M3ToolEvalEpisode(ActionFormat.CODE, Duration.ofSeconds(30)).run(suite, task, scripted(model),
                SharedEngine.python());
        assertThat(lastUserText(model.requests().get(1))).isEqualTo("[Executed Successfully with No Output, Did you forget to print?]");
        assertThat(lastUserText(model.requests().get(2))).isEqualTo("1.5");
        assertThat(episode.result().outcome()).isEqualTo(Outcome.SOLVED);
        assertThat(episode.result().actions()).isEqualTo(2);
    }
}
