package studio.codeact.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ActionParserTest {

    @Test
    void executeTagsGiveTheirCode() {
        ParsedReply reply = ActionParser.parse("Let me look.\n<execute>\nprint(sales.head())\n</execute>");

        assertThat(reply.actions()).containsExactly("print(sales.head())");
        assertThat(reply.prose()).isEqualTo("Let me look.");
        assertThat(reply.text()).isEqualTo("Let me look.\n<execute>\nprint(sales.head())\n</execute>");
    }

    @Test
    void aTagCutByTheStopSequenceIsRestored() {
        ParsedReply reply = ActionParser.parse("Checking.\n<execute>\nx = 1\nprint(x)\n");

        assertThat(reply.actions()).containsExactly("x = 1\nprint(x)");
        assertThat(reply.text()).isEqualTo("Checking.\n<execute>\nx = 1\nprint(x)\n</execute>");
    }

    @Test
    void aTagLeftOpenWithoutNewlineIsClosedOnItsOwnLine() {
        assertThat(ActionParser.parse("<execute>print(1)").text()).isEqualTo("<execute>print(1)\n</execute>");
    }

    @Test
    void fencedPythonBlocksAreActions() {
        ParsedReply reply = ActionParser.parse("First:\n```python\nimport pandas as pd\n```\nthen\n```py\nprint(2)\n```\n");

        assertThat(reply.actions()).containsExactly("import pandas as pd", "print(2)");
        assertThat(reply.prose()).isEqualTo("First:\n\nthen");
    }

    @Test
    void blocksOfBothFormatsRunInTheOrderWritten() {
        ParsedReply reply = ActionParser.parse("```python\na = 1\n```\n<execute>\nb = a + 1\n</execute>\n```python\nprint(b)\n```");

        assertThat(reply.actions()).containsExactly("a = 1", "b = a + 1", "print(b)");
    }

    @Test
    void anUnterminatedFenceIsClosed() {
        ParsedReply reply = ActionParser.parse("```python\nprint('x')\n");

        assertThat(reply.actions()).containsExactly("print('x')");
        assertThat(reply.text()).isEqualTo("```python\nprint('x')\n```");
    }

    @Test
    void otherLanguagesAndPlainFencesAreNotActions() {
        ParsedReply reply = ActionParser.parse("Output looks like:\n```\nregion  total\n```\nand in shell:\n```bash\nls\n```");

        assertThat(reply.actions()).isEmpty();
        assertThat(reply.answer()).contains("region  total");
    }

    @Test
    void aFenceInsideTheTagsIsUnwrapped() {
        ParsedReply reply = ActionParser.parse("<execute>\n```python\nprint(3)\n```\n</execute>");

        assertThat(reply.actions()).containsExactly("print(3)");
    }

    @Test
    void indentedBlocksAreDedented() {
        ParsedReply reply = ActionParser.parse("1. Do it:\n   ```python\n   for i in range(2):\n       print(i)\n   ```");

        assertThat(reply.actions()).containsExactly("for i in range(2):\n    print(i)");
    }

    @Test
    void solutionMarksTheFinalAnswer() {
        ParsedReply reply = ActionParser.parse("Done. <solution>The mean is 2.0.</solution>");

        assertThat(reply.hasActions()).isFalse();
        assertThat(reply.solution()).contains("The mean is 2.0.");
        assertThat(reply.answer()).isEqualTo("The mean is 2.0.");
    }

    @Test
    void aReplyWithoutCodeIsTheAnswer() {
        ParsedReply reply = ActionParser.parse("The north region sells the most.\n");

        assertThat(reply.hasActions()).isFalse();
        assertThat(reply.solution()).isEmpty();
        assertThat(reply.answer()).isEqualTo("The north region sells the most.");
    }

    @Test
    void emptyActionsAreIgnored() {
        assertThat(ActionParser.parse("<execute>\n\n</execute> nothing").actions()).isEmpty();
    }

    @Test
    void tagsAreMatchedWhateverTheirCase() {
        assertThat(ActionParser.parse("<EXECUTE>print(1)</Execute>").actions()).containsExactly("print(1)");
    }
}
