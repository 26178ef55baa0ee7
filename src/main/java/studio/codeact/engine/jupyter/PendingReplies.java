package studio.codeact.engine.jupyter;

import studio.codeact.engine.EngineException;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Futures waiting for the reply to a request other than {@code execute_request} (complete,
 * inspect), matched by the reply's {@code parent_header.msg_id}. Event thread only.
 */
final class PendingReplies {

    private final Map<String, CompletableFuture<JupyterMessage>> waiting = new HashMap<>();

    CompletableFuture<JupyterMessage> expect(JupyterMessage request) {
        CompletableFuture<JupyterMessage> reply = new CompletableFuture<>();
        waiting.put(request.msgId(), reply);
        return reply;
    }

    /** Completes the matching future; false when nobody waits for this message. */
    boolean offer(JupyterMessage message) {
        CompletableFuture<JupyterMessage> reply = waiting.remove(message.parentMsgId());
        if (reply == null) {
            return false;
        }
        reply.complete(message);
        return true;
    }

    /** Fails every waiting future (the kernel died, restarted or was closed). */
    void failAll(String reason) {
        waiting.values().forEach(reply -> reply.completeExceptionally(new EngineException(reason)));
        waiting.clear();
    }
}
