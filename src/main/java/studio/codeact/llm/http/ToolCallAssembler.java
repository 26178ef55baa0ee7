package studio.codeact.llm.http;

import studio.codeact.llm.ToolCall;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds tool calls from streamed pieces: the id and name usually come first, the arguments
 * JSON in many fragments, all keyed by the call's index. Not thread-safe: one reader thread.
 */
public final class ToolCallAssembler {

    private final List<Partial> calls = new ArrayList<>();

    private static final class Partial {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    /** Adds a piece to the call at {@code index}; {@code null}s leave what is known. */
    public void add(int index, String id, String name, String argumentsDelta) {
        Partial call = at(index);
        if (id != null && !id.isEmpty()) {
            call.id = id;
        }
        if (name != null && !name.isEmpty()) {
            call.name = name;
        }
        if (argumentsDelta != null) {
            call.arguments.append(argumentsDelta);
        }
    }

    public String id(int index) {
        return at(index).id;
    }

    public String name(int index) {
        return at(index).name;
    }

    public int size() {
        return calls.size();
    }

    public boolean isEmpty() {
        return calls.isEmpty();
    }

    /** The calls in index order; empty arguments become {@code {}}; a call never named is dropped. */
    public List<ToolCall> build() {
        List<ToolCall> out = new ArrayList<>(calls.size());
        for (Partial call : calls) {
            if (call == null || call.name == null) {
                continue;
            }
            String arguments = call.arguments.toString().strip();
            out.add(new ToolCall(call.id == null ? "" : call.id, call.name, arguments.isEmpty() ? "{}" : arguments));
        }
        return out;
    }

    private Partial at(int index) {
        if (index < 0 || index > 1_000) {
            throw new IllegalArgumentException("tool call index out of range: " + index);
        }
        while (calls.size() <= index) {
            calls.add(null);
        }
        Partial call = calls.get(index);
        if (call == null) {
            call = new Partial();
            calls.set(index, call);
        }
        return call;
    }
}
