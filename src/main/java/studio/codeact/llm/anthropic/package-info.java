/** The Anthropic Messages provider. Its wire DTOs and mappers are in {@code internal}. */
package studio.codeact.llm.anthropic;
