package studio.codeact.bench;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a benchmark run left behind.
 *
 * @param summary     the figures over every finished run of the plan
 * @param resumed     runs taken from an earlier session's results instead of being run again
 * @param ran         runs done in this session
 * @param results     {@code results.jsonl}
 * @param markdown    {@code summary.md}
 * @param chart       {@code summary.png}, unless drawing it failed
 * @param chartError  why there is no chart, when there is none
 */
public record BenchReport(Summary summary, int resumed, int ran, Path results, Path markdown, Optional<Path> chart,
                          String chartError) {
}
