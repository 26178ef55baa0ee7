/** Chat Completions wire format: request and chunk DTOs and the mappers to and from the neutral API. Never used outside the provider. */
package studio.codeact.llm.openai.internal;
