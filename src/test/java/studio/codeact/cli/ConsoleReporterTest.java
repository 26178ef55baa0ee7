package studio.codeact.cli;

import org.junit.jupiter.api.Test;
import studio.codeact.agent.AgentEvent;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleReporterTest {

    @Test
    void showsTheStreamedReplyWithTheRestoredClosingTagAndTheObservation() {
        StringWriter err = new StringWriter();
        ConsoleReporter reporter = new ConsoleReporter(new PrintWriter(err, true));

        reporter.onEvent(new AgentEvent.TurnStarted(1, 10));
        reporter.onEvent(new AgentEvent.AssistantDelta(1, "Looking.\n<execute>\nprint(1)\n"));
        reporter.onEvent(new AgentEvent.AssistantReplied(1, "Looking.\n<execute>\nprint(1)\n</execute>", 1));
        reporter.onEvent(new AgentEvent.ActionStarted(2, 1, "print(1)"));
        reporter.onEvent(new AgentEvent.Observation(1, "1\n[9 turns left]"));
        reporter.onEvent(new AgentEvent.TurnLimitReached(10));

        assertThat(err.toString()).isEqualTo("""
                \u2500\u2500 turn 1 of 10 \u2500\u2500
                Looking.
                <execute>
                print(1)
                </execute>
                \u25b6 cell 2: running the action
                Observation:
                1
                [9 turns left]
                codeact: no answer within 10 turns (raise --max-turns to allow more)
                """);
    }
}
