/**
 * {@code codeact perf embedded | kernel | remote | llm | agent | bigdata}: benchmarks that print
 * speed and memory figures as JSON (the product's targets live here, never in timed tests). Each
 * command runs on the calling thread; the loopback servers it starts for comparison are its own
 * and stopped before it returns. {@code cli.Main} registers {@link studio.codeact.cli.perf.PerfCommand};
 * nothing else in {@code cli} depends on this package.
 */
package studio.codeact.cli.perf;
