/**
 * Small networking pieces shared by layers that must not depend on each other (the remote
 * engine's HTTP client and the {@code perf} benchmarks): depends on nothing in the product.
 */
package studio.codeact.net;
