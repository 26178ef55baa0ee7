package studio.codeact.llm;

/** Token counts as the server reported them; -1 when it did not. */
public record Usage(int promptTokens, int completionTokens) {
    public static final Usage UNKNOWN = new Usage(-1, -1);
}
