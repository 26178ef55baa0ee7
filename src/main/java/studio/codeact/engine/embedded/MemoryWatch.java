package studio.codeact.engine.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The memory ceiling: while a cell runs, a watch thread ({@code codeact-embedded-memory}) samples
 * the process's resident memory every {@value #SAMPLE_MILLIS} ms from {@code /proc/self/statm}.
 * When its growth above the engine's idle footprint passes the engine's ceiling, the cell is stopped with {@code MemoryError}
 * (both counted without the JVM's committed heap, {@link #sessionBytes()}: a heap the collector
 * grows meanwhile, for the app's own work, is not the session's Python)
 * ({@link Interrupter}). A cell that starts above the ceiling (memory an earlier cell kept) may
 * still use {@value #SLACK_MB} MB more before it is stopped, so the user can clean up.
 *
 * <p>Limits of the method: a single C call that allocates (numpy building one huge array) is only
 * stopped when it returns; an allocation that cannot succeed fails on its own with MemoryError.
 * No RLIMIT_AS: it would break the JVM, which reserves far more address space than it uses.
 *
 * <p>Threads: {@link #begin} and {@link #end} are called by the interpreter's thread. The watch
 * thread sleeps for good after a second without cells and is woken by the next one.
 */
final class MemoryWatch {

    static final long SAMPLE_MILLIS = 20;
    static final long SLACK_MB = 64;

    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Interrupter interrupter;
    private final long pageSize = Libc.pageSize();
    private final Thread thread;
    private volatile Execution watched;
    private volatile boolean sleeping;

    MemoryWatch(Interrupter interrupter) {
        this.interrupter = interrupter;
        this.thread = Thread.ofPlatform().name("codeact-embedded-memory").daemon(true).unstarted(this::loop);
        thread.start();
    }

    void begin(Execution execution) {
        watched = execution;
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    void end() {
        watched = null;
    }

    /**
     * What the ceiling counts: this process's resident memory less the JVM's committed heap (its
     * size, read without JMX). Python's allocations, libraries and buffers stay in it; the heap the
     * collector enlarges for the app's own work (output handling, another test in the same JVM)
     * does not. It may be negative (a committed heap not yet touched); only its growth matters.
     */
    long sessionBytes() {
        return residentBytes() - Runtime.getRuntime().totalMemory();
    }

    /** Resident memory of this process in bytes. */
    long residentBytes() {
        try {
            String[] fields = new String(Files.readAllBytes(STATM), StandardCharsets.US_ASCII).trim().split(" ");
            return Long.parseLong(fields[1]) * pageSize;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private void loop() {
        long idleSince = System.nanoTime();
        while (true) {
            Execution execution = watched;
            if (execution == null) {
                if (System.nanoTime() - idleSince > IDLE_NANOS) {
                    sleeping = true;
                    if (watched == null) {
                        LockSupport.park(this);
                    }
                    sleeping = false;
                } else {
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS));
                }
                continue;
            }
            watch(execution);
            idleSince = System.nanoTime();
        }
    }

    private void watch(Execution execution) {
        long limit = execution.owner.memoryLimit();
        long baseline = execution.owner.memoryBaseline();
        long slack = SLACK_MB << 20;
        // the baseline may be negative (a committed heap not yet resident): no overflow test against it
        long ceiling = Math.max(limit >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE : baseline + limit, sessionBytes() + slack);
        boolean stopped = false;
        while (watched == execution) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS));
            long resident = sessionBytes();
            if (watched != execution || resident <= ceiling) {
                continue;
            }
            if (!stopped) {
                execution.memoryNote("the cell was stopped at the memory ceiling of " + megabytes(limit)
                        + " above the idle footprint (it had grown by " + megabytes(resident - baseline) + "); the session continues");
                stopped = interrupter.stop(execution, Execution.Stop.MEMORY, resident - baseline, limit);
            } else {
                // it caught the MemoryError and grows on: stop it again
                interrupter.repeat(execution, resident - baseline);
            }
            ceiling = resident + slack;
        }
    }

    /**
     * Memory this process may use at most: the machine's ({@code MemTotal} of {@code /proc/meminfo}),
     * or its control group's limit when lower (a container). Read from files: JMX would cost the
     * engine's start tens of milliseconds.
     */
    static long physicalBytes() {
        long total = Long.MAX_VALUE;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("MemTotal:")) {
                    total = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // keep looking at the control group
        }
        for (String limit : new String[] {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
            try {
                String text = Files.readString(Path.of(limit), StandardCharsets.US_ASCII).trim();
                if (!text.equals("max")) {
                    total = Math.min(total, Long.parseLong(text));
                }
            } catch (IOException | RuntimeException e) {
                // no such control group file
            }
        }
        return total == Long.MAX_VALUE ? 8L << 30 : total;
    }

    static String megabytes(long bytes) {
        return bytes >= 1_000_000_000L ? String.format(java.util.Locale.ROOT, "%.1f GB", bytes / 1e9) : Math.round(bytes / 1e6) + " MB";
    }
}
