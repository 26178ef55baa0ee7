/**
 * The command line ({@code codeact ask | chat | bench | replay | doctor | perf}), with picocli; headless, no JavaFX.
 * For {@code ask} the answer goes to stdout, everything else to stderr; {@code chat} writes the conversation to
 * stdout and notes to stderr. {@code ask} and {@code chat} share their flags through the {@code AgentOptions} and
 * {@code SessionOptions} mixins and run a session through {@code CliSession} (new, {@code --out}, or {@code --resume}).
 * Exit codes are the contract in {@code docs/architecture.md}.
 */
package studio.codeact.cli;
