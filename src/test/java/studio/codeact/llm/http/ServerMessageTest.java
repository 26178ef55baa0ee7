package studio.codeact.llm.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerMessageTest {

    @Test
    void readsTheShapesServersUse() {
        assertThat(ServerMessage.parse("{\"error\":{\"message\":\"Bad key\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"))
                .isEqualTo(new ServerMessage("Bad key", "invalid_api_key"));
        assertThat(ServerMessage.parse("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
                .isEqualTo(new ServerMessage("Overloaded", "overloaded_error"));
        assertThat(ServerMessage.parse("{\"error\":\"model not found\"}")).isEqualTo(new ServerMessage("model not found", ""));
        assertThat(ServerMessage.parse("{\"detail\":\"Not Found\"}")).isEqualTo(new ServerMessage("Not Found", ""));
        assertThat(ServerMessage.parse("<html>\n  <h1>502 Bad Gateway</h1>\n</html>").message()).isEqualTo("<html> <h1>502 Bad Gateway</h1> </html>");
        assertThat(ServerMessage.parse("")).isEqualTo(ServerMessage.NONE);
    }

    @Test
    void aNumericCodeGivesWayToTheType() {
        assertThat(ServerMessage.parse("{\"error\":{\"message\":\"x\",\"type\":\"server_error\",\"code\":500}}").type()).isEqualTo("server_error");
    }

    @Test
    void longMessagesAreCut() {
        assertThat(ServerMessage.parse("x".repeat(1_000)).message()).hasSize(ServerMessage.MAX_LENGTH + 1).endsWith("…");
    }
}
