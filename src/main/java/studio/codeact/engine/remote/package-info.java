/**
 * The remote engine: kernels on a Jupyter Server, a JupyterHub single-user server or a kernel
 * gateway (Enterprise Gateway on Kubernetes, YARN, Spark), spoken to over the server's REST API
 * and the kernel channels WebSocket. The Jupyter messaging itself (routing by parent
 * {@code msg_id}, the cell queue, stdin, completion, timeouts) is the shared protocol core's;
 * this package adds the transport and the server's REST and Contents APIs.
 *
 * <p>Files: {@code ServerHttp} (OkHttp client: token header, TLS, retries), {@code ServerApi}
 * (kernelspecs, kernels), {@code ContentsApi} (folders, chunked uploads, listings),
 * {@code WireFormat} with its two codecs, {@code KernelSocket} (one kernel's WebSocket:
 * reconnect, pings).
 */
package studio.codeact.engine.remote;
