/**
 * Provider-neutral language-model API: {@link studio.codeact.llm.ChatModel} with streaming
 * ({@link studio.codeact.llm.StreamHandler}, whose callbacks come on the call's own thread), requests, responses,
 * usage, and one typed error hierarchy ({@link studio.codeact.llm.LlmException}: retriable or not). Providers live in
 * sub-packages; their wire types stay in {@code internal} (an ArchUnit rule).
 */
package studio.codeact.llm;
