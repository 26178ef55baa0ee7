package studio.codeact.agent;

/** How much of the data the model may see in its system prompt. */
public enum Privacy {
    /** Shape, columns, dtypes and a few sample rows. */
    SAMPLE_ROWS,
    /** Shape, columns and dtypes only; no values. */
    SCHEMA_ONLY
}
