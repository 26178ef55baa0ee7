package studio.codeact.testing;

/** What this JVM holds on to: the heap in use right after a full collection. */
public final class LiveHeap {

    private LiveHeap() {
    }

    /** Collects, then returns the bytes of heap still in use. */
    public static long bytes() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
