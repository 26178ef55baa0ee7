package studio.codeact.bench;

/**
 * What one json- or text-mode action produced.
 *
 * @param ok          the tool ran and returned (false: the call was refused or the tool raised)
 * @param observation the text the model sees next
 * @param tool        the tool's name when the call got that far, else {@code null}
 */
public record ToolOutcome(boolean ok, String observation, String tool) {
}
