/** The OpenAI-compatible Chat Completions provider (OpenAI, vLLM, Ollama, llama.cpp, LM Studio, OpenRouter…). Its wire DTOs are in {@code internal}. */
package studio.codeact.llm.openai;
