package studio.codeact.cli;

import org.junit.jupiter.api.Test;
import studio.codeact.agent.Approver;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalApproverTest {

    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();

    private Approver.Decision answer(String typed) {
        TerminalApprover approver = new TerminalApprover(new BufferedReader(new StringReader(typed)),
                new java.io.PrintWriter(new java.io.OutputStreamWriter(shown, StandardCharsets.UTF_8), true));
        return approver.review(3, "print(df.head())");
    }

    @Test
    void yesRunsTheCode() {
        assertThat(answer("y\n")).isEqualTo(new Approver.Decision.Run());
        assertThat(shown.toString(StandardCharsets.UTF_8)).contains("cell 3 wants to run").contains("\u2502 print(df.head())");
    }

    @Test
    void noRejectsWithTheGivenReason() {
        assertThat(answer("n\ntoo slow\n")).isEqualTo(new Approver.Decision.Reject("too slow"));
    }

    @Test
    void editRunsTheTypedCodeInstead() {
        assertThat(answer("e\nprint(df.shape)\nprint(1)\n.\n")).isEqualTo(new Approver.Decision.Edit("print(df.shape)\nprint(1)"));
    }

    @Test
    void unknownAnswersAreAskedAgainAndEndOfInputRejects() {
        assertThat(answer("maybe\n")).isEqualTo(new Approver.Decision.Reject("no answer on the terminal"));
        assertThat(shown.toString(StandardCharsets.UTF_8)).contains("Please answer y, n or e.");
    }
}
