package studio.codeact.engine.sandbox;

import org.junit.jupiter.api.Test;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.Output;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The line an observation gains when the sandbox refused something, for the errors model code
 * really meets: the OS's own, and the ones libraries wrap it in.
 */
class SandboxNotesTest {

    private static final Map<String, String> ON = Map.of("sandbox", "on (Linux Landlock ABI 7 + seccomp)");
    private static final Map<String, String> NETWORK_ALLOWED = Map.of("sandbox", "on (Linux Landlock ABI 7 + seccomp; network allowed)");
    private static final Map<String, String> OFF = Map.of("sandbox", "off");
    private static final String WORK = "/home/ana/sessions/s1/work";

    private static ExecutionResult failed(String ename, String evalue, String... traceback) {
        Output.Error error = new Output.Error(ename, evalue, List.of(traceback));
        return new ExecutionResult(ExecutionStatus.ERROR, 1, List.of(error), Optional.of(error), Duration.ZERO, "");
    }

    private static Optional<String> note(ExecutionResult result, Map<String, String> details) {
        return SandboxNotes.explain(result, details, WORK);
    }

    @Test
    void aWriteOutsideTheWorkingFolderSaysWhereWritingIsAllowed() {
        ExecutionResult result = failed("PermissionError", "[Errno 13] Permission denied: '/home/ana/notes.txt'",
                "----> 1 open('/home/ana/notes.txt', 'w')");

        assertThat(note(result, ON)).hasValueSatisfying(text -> assertThat(text).contains("writing only in " + WORK));
    }

    @Test
    void aRefusedConnectionSaysNetworkAccessIsOffWhateverLibraryWrappedIt() {
        ExecutionResult socket = failed("PermissionError", "[Errno 13] Permission denied",
                "----> 2 socket.create_connection(('example.org', 80))");
        ExecutionResult udp = failed("PermissionError", "[Errno 1] Operation not permitted",
                "----> 2 socket.socket(socket.AF_INET, socket.SOCK_DGRAM)");
        ExecutionResult urllib = failed("URLError", "<urlopen error [Errno 13] Permission denied>",
                "----> 2 urllib.request.urlopen('https://example.org/data.csv')");
        ExecutionResult requests = failed("ConnectionError", "HTTPSConnectionPool(host='example.org', port=443): Max retries exceeded with url: /"
                + " (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection:"
                + " [Errno 13] Permission denied'))", "----> 2 requests.get('https://example.org/')");

        for (ExecutionResult result : List.of(socket, udp, urllib, requests)) {
            assertThat(note(result, ON)).as(result.error().orElseThrow().ename())
                    .hasValueSatisfying(text -> assertThat(text).contains("network access is off for this session").contains("--allow-network"));
        }
    }

    @Test
    void nothingIsAddedWhenTheSandboxHadNoPartInIt() {
        ExecutionResult denied = failed("URLError", "<urlopen error [Errno 13] Permission denied>", "----> 2 urllib.request.urlopen(url)");

        assertThat(note(denied, NETWORK_ALLOWED)).isEmpty();
        assertThat(note(denied, OFF)).isEmpty();
        assertThat(note(failed("FileNotFoundError", "[Errno 2] No such file or directory: '/data/x.csv'"), ON)).isEmpty();
        assertThat(note(failed("ValueError", "could not convert string to float: 'n/a'"), ON)).isEmpty();
        assertThat(note(failed("BlockingIOError", "[Errno 11] Resource temporarily unavailable"), ON)).isEmpty();
        assertThat(note(new ExecutionResult(ExecutionStatus.OK, 1, List.of(), Optional.empty(), Duration.ZERO, ""), ON)).isEmpty();
    }
}
