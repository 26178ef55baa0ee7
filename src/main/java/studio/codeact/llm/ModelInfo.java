package studio.codeact.llm;

/** A model a server offers: its id and, when the server says, a display name. */
public record ModelInfo(String id, String displayName) { }
