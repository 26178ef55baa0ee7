package studio.codeact.llm.http;

/**
 * One server-sent event.
 *
 * @param type the {@code event:} field, {@code "message"} when the server gave none
 * @param data the {@code data:} lines joined with {@code \n}
 */
public record SseEvent(String type, String data) {
    public static final String DEFAULT_TYPE = "message";
}
