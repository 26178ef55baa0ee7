package studio.codeact.testing;

import studio.codeact.engine.ExecutionRequest;
import studio.codeact.engine.ExecutionResult;
import studio.codeact.engine.ExecutionStatus;
import studio.codeact.engine.Output;
import studio.codeact.engine.OutputListener;
import studio.codeact.engine.PythonEngine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An engine's back-pressure, tried: a cell floods its output while the listener stalls at the
 * first chunk. What the app holds meanwhile must not be the flood; released, every chunk must
 * still arrive.
 */
public final class StalledFlood {

    /**
     * How long the listener stalls by default: long enough that, unread, tens of MB of a flood
     * arrive within it, and shorter than the remote engine's pacing budget (2.5 s in a ping
     * interval), past which its reader reads on rather than lose the link.
     */
    public static final java.time.Duration STALL = java.time.Duration.ofSeconds(2);
    private static final long LOOK_NANOS = 250_000_000;

    private StalledFlood() {
    }

    /**
     * Runs a cell printing {@code megabytes} MB with a listener that stalls at the first chunk for
     * the observation window, then lets it go on; asserts the cell ended OK with every chunk
     * delivered, and returns the most the app's live heap grew by while the listener stalled.
     */
    public static long heldWhileStalled(PythonEngine engine, int megabytes) throws Exception {
        return heldWhileStalled(engine, megabytes, STALL);
    }

    /** As {@link #heldWhileStalled(PythonEngine, int)}, with the listener stalled for {@code stall}. */
    public static long heldWhileStalled(PythonEngine engine, int megabytes, java.time.Duration stall) throws Exception {
        long heapBefore = LiveHeap.bytes();
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong received = new AtomicLong();
        OutputListener stalling = output -> {
            if (output instanceof Output.Stream stream) {
                received.addAndGet(stream.text().length());
                stalled.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        CompletableFuture<ExecutionResult> flood = engine.execute(ExecutionRequest.of("""
                import sys
                _chunk = ('h' * 1023 + '\\n') * 1024
                for _ in range(%d):
                    sys.stdout.write(_chunk)
                del _chunk
                print('the end')""".formatted(megabytes)), stalling);
        long held = 0;
        try {
            assertThat(stalled.await(60, TimeUnit.SECONDS)).as("the first output reached the listener").isTrue();
            // an observation window, not a wait for something; it ends on time however long a look takes
            long end = System.nanoTime() + stall.toNanos();
            while (System.nanoTime() < end) {
                LockSupport.parkNanos(Math.min(LOOK_NANOS, Math.max(0, end - System.nanoTime())));
                held = Math.max(held, LiveHeap.bytes() - heapBefore);
            }
        } finally {
            release.countDown();
        }
        ExecutionResult result = flood.get(300, TimeUnit.SECONDS);
        assertThat(result.status()).as("%s %s", result.error(), result.note()).isEqualTo(ExecutionStatus.OK);
        System.out.printf("%s: %d MB printed, %.1f MB held while the listener stalled%n", engine.kind(), megabytes, held / 1048576.0);
        assertThat(received.get()).as("every chunk arrived after the stall").isEqualTo((long) megabytes * 1024 * 1024 + "the end\n".length());
        return held;
    }
}
