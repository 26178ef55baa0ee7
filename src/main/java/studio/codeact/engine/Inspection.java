package studio.codeact.engine;

/** What the interpreter knows about the name at the cursor (signature, docstring), when found. */
public record Inspection(boolean found, MimeBundle data) { }
