/** Anthropic Messages wire format: request and event DTOs and the mappers to and from the neutral API. Never used outside the provider. */
package studio.codeact.llm.anthropic.internal;
