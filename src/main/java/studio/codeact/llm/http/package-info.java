/**
 * The HTTP machinery both providers share (OkHttp): JSON POSTs, the server-sent-events reader, retries with
 * backoff honouring {@code Retry-After}, connect / first-token / idle timeouts, cancellation, error mapping,
 * and debug logging that masks keys.
 */
package studio.codeact.llm.http;
