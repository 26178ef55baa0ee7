/**
 * The CodeAct experiment: the same multi-tool tasks solved with code, JSON or text actions, scored and
 * summarised. A Python harness (resources {@code bench/python/codeact_bench}) runs the tools inside an engine;
 * suites are folders of JSON tasks or a {@code tasks.py} module (the built-in one is Larkspur; M3ToolEval
 * loads through an adapter).
 */
package studio.codeact.bench;
