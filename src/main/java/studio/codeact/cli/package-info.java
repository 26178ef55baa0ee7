/**
 * The command line ({@code codeact ask | bench | replay | doctor | perf}), with picocli; headless, no JavaFX.
 * The answer goes to stdout, everything else to stderr; exit codes are the contract in {@code docs/architecture.md}.
 */
package studio.codeact.cli;
