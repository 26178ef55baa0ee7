package studio.codeact.engine.embedded;

import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.StdinHandler;
import studio.codeact.engine.support.Durations;
import studio.codeact.engine.support.Listeners;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * One queued cell, from submission to its result.
 *
 * <p>Threads: created by the submitting thread; {@link #accept} and {@link #ask} are called from
 * Python (the interpreter's thread, or a Python helper thread for late stream text);
 * {@link #stop} from whoever interrupts; the listener, the stdin handler and the future run on the
 * engine's event thread. The future completes after the listener got the last output.
 */
final class Execution {

    /** What the engine needs to know about the engine a cell belongs to. */
    interface Owner {
        int id();

        EventThread events();

        StdinHandler stdin();

        /** Memory the session may grow by above {@link #memoryBaseline()}. */
        long memoryLimit();

        /** Resident memory of the process when the engine was ready and idle. */
        long memoryBaseline();

        /** How long an interrupted cell may go on before it is interrupted again. */
        java.time.Duration interruptGrace();

        /** Called on the interpreter's thread when the cell starts and ends. */
        void running(Execution execution, boolean running);
    }

    /** Why a running cell was interrupted; the first reason wins. */
    enum Stop { USER, TIMEOUT, MEMORY, RESTART, CLOSE }

    // answers of ask(), agreed with codeact_io.py
    static final long REFUSED = -1;
    static final long INTERRUPTED = -2;
    static final long DECLINED = -3;

    /** Characters of stream text waiting for the listener past which the writing Python thread waits. */
    static final long BACKLOG_HIGH = 4L << 20;
    /** How often a waiting writer looks again whether the cell was stopped or the event thread ended. */
    private static final long BACKLOG_RECHECK_MILLIS = 50;

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;

    final Owner owner;
    final ExecutionRequest request;
    private final OutputListener listener;
    private final CompletableFuture<ExecutionResult> future;
    private final long submitted = System.nanoTime();
    private final AtomicInteger phase = new AtomicInteger(QUEUED);
    private final studio.codeact.engine.OutputBound outputs = new studio.codeact.engine.OutputBound();
    /** Characters of stream text handed to the event thread whose listener call has not ended. */
    private final java.util.concurrent.atomic.AtomicLong backlog = new java.util.concurrent.atomic.AtomicLong();
    private Output.Error error;
    private volatile Stop stop;
    private volatile CompletableFuture<Optional<String>> question;
    private byte[] unreadAnswer;
    private String memoryNote = "";

    Execution(Owner owner, ExecutionRequest request, OutputListener listener) {
        this.owner = owner;
        this.request = request;
        this.listener = listener == null ? OutputListener.NONE : listener;
        this.future = new EventFuture<>(owner.events());
    }

    CompletableFuture<ExecutionResult> future() {
        return future;
    }

    /** Interpreter's thread: the cell may start (false when it was aborted while queued). */
    boolean begin() {
        return phase.compareAndSet(QUEUED, RUNNING);
    }

    /** Whether the cell has ended (or was aborted before it ran). */
    boolean ended() {
        return phase.get() == DONE;
    }

    /** Ends a cell that never ran; false when it already started. */
    boolean abort(String note) {
        if (!phase.compareAndSet(QUEUED, DONE)) {
            return false;
        }
        deliver(new ExecutionResult(ExecutionStatus.ABORTED, 0, List.of(), Optional.empty(), elapsed(), note));
        return true;
    }

    /**
     * Python's thread: one more output, passed on to the listener in order. While more than
     * {@link #BACKLOG_HIGH} characters of stream text wait for the listener, the writing Python
     * thread waits here (without the GIL) until half of them are delivered or the cell is
     * stopped, so a cell printing faster than the listener handles its text cannot queue it
     * without limit.
     */
    void accept(Output output) {
        synchronized (this) {
            if (output instanceof Output.Error failure) {
                error = failure;
            }
            if (request.silent()) {
                return;
            }
            outputs.add(output);
        }
        if (listener != OutputListener.NONE) {
            long chars = output instanceof Output.Stream stream ? stream.text().length() : 0;
            backlog.addAndGet(chars);
            owner.events().execute(() -> {
                try {
                    Listeners.guarded("an output listener", () -> listener.onOutput(output));
                } finally {
                    delivered(chars);
                }
            });
            awaitBacklog();
        }
    }

    private void delivered(long chars) {
        if (chars > 0 && backlog.addAndGet(-chars) <= BACKLOG_HIGH / 2) {
            synchronized (backlog) {
                backlog.notifyAll();
            }
        }
    }

    /** Waits while the listener's backlog is over {@link #BACKLOG_HIGH}, unless the cell is stopped. */
    private void awaitBacklog() {
        if (backlog.get() <= BACKLOG_HIGH || owner.events().isCurrent()) {
            return;
        }
        synchronized (backlog) {
            while (backlog.get() > BACKLOG_HIGH / 2 && stop == null && owner.events().isAlive()) {
                try {
                    backlog.wait(BACKLOG_RECHECK_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Python's thread, inside {@code input()}: asks the stdin handler on the event thread and waits.
     * {@code prompt} null fetches the rest of an answer too long for the first buffer.
     */
    long ask(String prompt, boolean password, MemorySegment buffer) {
        if (prompt == null) {
            return copy(unreadAnswer == null ? new byte[0] : unreadAnswer, buffer);
        }
        StdinHandler handler = owner.stdin();
        if (handler == StdinHandler.REFUSE) {
            return REFUSED;
        }
        CompletableFuture<Optional<String>> asked = new CompletableFuture<>();
        question = asked;
        if (stop != null) {
            return INTERRUPTED;
        }
        owner.events().execute(() -> {
            try {
                asked.complete(handler.readLine(prompt, password));
            } catch (RuntimeException e) {
                asked.complete(Optional.empty());
            }
        });
        try {
            Optional<String> answer = asked.join();
            if (answer.isEmpty()) {
                return DECLINED;
            }
            return copy(answer.get().getBytes(StandardCharsets.UTF_8), buffer);
        } catch (CancellationException e) {
            return INTERRUPTED;
        } finally {
            question = null;
        }
    }

    private long copy(byte[] answer, MemorySegment buffer) {
        if (answer.length > buffer.byteSize()) {
            unreadAnswer = answer;
        } else {
            MemorySegment.copy(answer, 0, buffer, JAVA_BYTE, 0, answer.length);
            unreadAnswer = null;
        }
        return answer.length;
    }

    /** Records why the cell is being interrupted; false when it already was. */
    synchronized boolean stop(Stop why) {
        if (stop != null) {
            return false;
        }
        stop = why;
        synchronized (backlog) {
            backlog.notifyAll(); // a writer waiting for the listener goes on to be interrupted
        }
        return true;
    }

    /** Ends a wait in {@code input()}: it returns "interrupted" (call after {@link #stop}). */
    void cancelQuestion() {
        CompletableFuture<Optional<String>> pending = question;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    Stop stopped() {
        return stop;
    }

    void memoryNote(String note) {
        memoryNote = note;
    }

    /** Interpreter's thread: the cell ended; the result follows the last output on the event thread. */
    void finish(boolean succeeded, int executionCount) {
        phase.set(DONE);
        Stop why = stop;
        ExecutionStatus status = succeeded ? ExecutionStatus.OK
                : why == Stop.TIMEOUT ? ExecutionStatus.TIMED_OUT : ExecutionStatus.ERROR;
        String note = succeeded || why == null ? "" : switch (why) {
            case USER -> "";
            case TIMEOUT -> "the cell ran past its time limit of " + Durations.text(request.timeout())
                    + " and was interrupted; variables made before it are kept";
            case MEMORY -> memoryNote;
            case RESTART -> "the cell was interrupted because the engine restarted";
            case CLOSE -> "the cell was interrupted because the engine closed";
        };
        ExecutionResult result;
        synchronized (this) {
            result = new ExecutionResult(status, executionCount, outputs.outputs(), Optional.ofNullable(error), elapsed(), note);
        }
        deliver(result);
    }

    /** Interpreter's thread: the engine itself failed to run the cell. */
    void fail(RuntimeException failure) {
        phase.set(DONE);
        if (listener == OutputListener.NONE) {
            future.completeExceptionally(failure);
        } else {
            owner.events().execute(() -> future.completeExceptionally(failure));
        }
    }

    /**
     * Completes the future: right here when no listener waits for outputs (its dependent stages
     * still run on the event thread, see {@link EventFuture}), else on the event thread after the
     * last output.
     */
    private void deliver(ExecutionResult result) {
        if (listener == OutputListener.NONE) {
            future.complete(result);
        } else {
            owner.events().execute(() -> future.complete(result));
        }
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - submitted);
    }
}
