package studio.codeact.llm;

/**
 * A tool offered to the model.
 *
 * @param name             e.g. {@code execute_python}
 * @param description      one or two sentences the model reads
 * @param parametersSchema JSON Schema of the arguments object, as JSON text
 */
public record ToolSpec(String name, String description, String parametersSchema) { }
