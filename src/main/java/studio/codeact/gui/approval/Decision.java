package studio.codeact.gui.approval;

/** What the user decided about a code action shown for approval. */
public sealed interface Decision {

    /** Run the code as the model wrote it. */
    record Run() implements Decision { }

    /** Run this code instead (the user edited it). */
    record RunEdited(String code) implements Decision { }

    /** Do not run it; {@code reason} goes back to the model (may be empty). */
    record Reject(String reason) implements Decision { }
}
