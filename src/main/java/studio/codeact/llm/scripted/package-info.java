/** A scripted model that replays canned replies and records its requests: for tests and keyless demos. */
package studio.codeact.llm.scripted;
