package studio.codeact.llm.http;

import studio.codeact.llm.LlmException;
import studio.codeact.llm.ProviderConfig;
import studio.codeact.llm.Secrets;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The one place where HTTP statuses, network failures and error events become
 * {@link LlmException}s. Every message names the server, says what happened in a sentence and
 * what to do, and never contains the API key (server text is redacted too).
 */
public final class ErrorMapper {

    private final ProviderConfig config;
    private final String server;
    /** Where the base URL and model can be changed ("Settings → Model", or the flags and settings file). */
    private final String settingsHint;
    /** Where the key came from (or where one goes). */
    private final String keyHint;
    /** Where the time limits can be raised. */
    private final String limitsHint;

    public ErrorMapper(ProviderConfig config) {
        this.config = config;
        this.server = config.baseUrl();
        this.settingsHint = config.origin().settings();
        this.keyHint = config.origin().key();
        this.limitsHint = config.origin().timeouts();
    }

    /** What a retry decision needs to know about a failed status. */
    public static boolean retriableStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /**
     * An HTTP error status.
     *
     * @param model   the model asked for, or {@code null} when listing models
     * @param retries how many retries were made before giving up
     */
    public LlmException fromStatus(int status, ServerMessage said, String model, int retries) {
        String detail = detail(status, said);
        String after = retries == 0 ? "" : ", still after " + retries + (retries == 1 ? " retry" : " retries");
        return switch (status) {
            case 401 -> new LlmException.Authentication(config.hasApiKey()
                    ? "the API key was rejected by " + server + " " + detail + "; check the key in " + keyHint
                    : server + " asks for an API key and none is set " + detail + "; set "
                      + config.provider().apiKeyVariable() + " or enter a key in " + keyHint);
            case 403 -> new LlmException.Authentication(server + " refused access with this API key " + detail
                    + "; check the key (from " + keyHint + ") and what it may use");
            case 404 -> new LlmException.ModelNotFound(model == null
                    ? server + " has no model list " + detail + "; check the base URL in " + settingsHint
                    : "model '" + model + "' was not found on " + server + " " + detail
                      + "; pick another model or check the base URL in " + settingsHint);
            case 408 -> new LlmException.Timeout(server + " timed out the request " + detail + after + "; try again", null);
            case 429 -> new LlmException.RateLimited(isQuota(said)
                    ? server + " says the account's quota is used up " + detail + "; check billing and limits, or use another key (this one came from " + keyHint + ")"
                    : server + " is limiting how fast requests may come " + detail + after
                      + "; wait a minute and try again, or check the plan's rate limits");
            default -> status >= 500
                    ? new LlmException.ServerError(server + " failed " + detail + after + "; try again later", status)
                    : new LlmException.BadRequest(server + " refused the request " + detail
                      + (model == null ? "" : "; the model '" + model + "' or a parameter may not be supported"), redact(said.message()));
        };
    }

    /** The server asked to wait longer than the retry policy allows. */
    public LlmException waitTooLong(int status, ServerMessage said, Duration wait) {
        String message = server + " asks to wait " + wait.toSeconds() + " s before trying again " + detail(status, said)
                + ", longer than the " + config.retry().maxBackoff().toSeconds() + " s this app waits; try again later";
        return status == 429 ? new LlmException.RateLimited(message) : new LlmException.ServerError(message, status);
    }

    /** An error the server sent inside a stream, or in a body with status 200. */
    public LlmException fromErrorEvent(ServerMessage said) {
        String type = said.type();
        String what = said.isEmpty() ? "" : ": " + redact(said.message()) + (type.isEmpty() ? "" : " (" + type + ")");
        String message = server + " reported an error while answering" + what;
        return switch (type) {
            case "rate_limit_error", "rate_limit_exceeded" -> new LlmException.RateLimited(message + "; wait a minute and try again");
            case "authentication_error", "permission_error", "invalid_api_key" ->
                    new LlmException.Authentication(message + "; check the key in " + keyHint);
            case "not_found_error", "model_not_found" -> new LlmException.ModelNotFound(message + "; pick another model in " + settingsHint);
            case "invalid_request_error" -> new LlmException.BadRequest(message, redact(said.message()));
            default -> new LlmException.ServerError(message + "; the partial answer was discarded, try again", 0);
        };
    }

    /** A network failure; {@code responseStarted} tells a broken answer from a failed connection. */
    public LlmException fromIo(IOException e, boolean responseStarted) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : redact(e.getMessage());
        if (responseStarted) {
            return new LlmException.Timeout("the connection to " + server + " broke mid-answer (" + reason
                    + "); the partial answer was discarded, try again", e);
        }
        if (e instanceof UnknownHostException) {
            return new LlmException.Timeout("could not find the host of " + server + " (" + reason
                    + "); check the base URL in " + settingsHint + " and the network", e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new LlmException.Timeout("could not connect to " + server + " (" + reason
                    + "); is the server running? check the base URL in " + settingsHint, e);
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return new LlmException.Timeout("connecting to " + server + " took longer than "
                    + seconds(config.timeouts().connect()) + "; check the base URL and the network, or raise the connect timeout in " + limitsHint, e);
        }
        if (e instanceof SSLException) {
            return new LlmException.Timeout("could not make a secure connection to " + server + " (" + reason
                    + "); check http:// or https:// in the base URL in " + settingsHint, e);
        }
        return new LlmException.Timeout("the request to " + server + " failed (" + reason + "); check the network and try again", e);
    }

    /** The first-token or idle limit passed. */
    public LlmException timeout(Watchdog.Stage stage) {
        return switch (stage) {
            case FIRST_TOKEN -> new LlmException.Timeout(server + " sent no answer within " + seconds(config.timeouts().firstToken())
                    + " (the time-to-first-token limit); the model may be loading or busy; try again or raise the limit in " + limitsHint, null);
            case IDLE -> new LlmException.Timeout(server + " stopped sending for " + seconds(config.timeouts().idle())
                    + " mid-answer (the idle limit); the partial answer was discarded; try again or raise the limit in " + limitsHint, null);
        };
    }

    public LlmException cancelled() {
        return new LlmException.Cancelled("the request to " + server + " was cancelled");
    }

    /** The stream ended before the provider's end marker: a half answer, never reported as complete. */
    public LlmException incomplete() {
        return new LlmException.Timeout("the connection to " + server
                + " closed before the answer was complete; the partial answer was discarded, try again", null);
    }

    /** A body or event that is not what the API promises. */
    public LlmException malformed(String what, String sample, Throwable cause) {
        String shown = sample == null || sample.isBlank() ? "" : ": \"" + redact(ServerMessage.oneLine(sample)) + "\"";
        return new LlmException.MalformedResponse(server + " " + what + shown + "; check the base URL and provider in " + settingsHint, cause);
    }

    /** {@code text} with the API key masked. */
    public String redact(String text) {
        return Secrets.redact(text, config.apiKey());
    }

    private String detail(int status, ServerMessage said) {
        return said.isEmpty() ? "(HTTP " + status + ")" : "(HTTP " + status + ": " + redact(said.message()) + ")";
    }

    private static boolean isQuota(ServerMessage said) {
        return said.type().equals("insufficient_quota");
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
