package studio.codeact.engine;

import java.time.Instant;

/**
 * One column of a {@link TablePage}, typed by what pandas holds.
 * {@link #valueAt} gives a boxed value or {@code null} for a missing one.
 */
public sealed interface TableColumn {

    String name();

    /** pandas' dtype as text: {@code int64}, {@code float64}, {@code datetime64[ns]}, {@code category} … */
    String dtype();

    int size();

    Object valueAt(int row);

    /** Signed or unsigned integers (pandas cannot hold a missing value in these). */
    record Ints(String name, String dtype, long[] values) implements TableColumn {
        public int size() { return values.length; }
        public Object valueAt(int row) { return values[row]; }
    }

    /** Floating point; {@code NaN} marks a missing value. */
    record Floats(String name, String dtype, double[] values) implements TableColumn {
        public int size() { return values.length; }
        public Object valueAt(int row) { return Double.isNaN(values[row]) ? null : values[row]; }
    }

    record Bools(String name, String dtype, boolean[] values) implements TableColumn {
        public int size() { return values.length; }
        public Object valueAt(int row) { return values[row]; }
    }

    /** Timestamps as nanoseconds since the epoch (UTC); {@link #NOT_A_TIME} marks {@code NaT}. */
    record DateTimes(String name, String dtype, long[] epochNanos) implements TableColumn {
        /** pandas' {@code NaT}: the smallest int64. */
        public static final long NOT_A_TIME = Long.MIN_VALUE;
        public int size() { return epochNanos.length; }
        public Object valueAt(int row) {
            long nanos = epochNanos[row];
            return nanos == NOT_A_TIME ? null : Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        }
    }

    /** Strings, categoricals and any other objects, as text; {@code null} marks a missing value. */
    record Texts(String name, String dtype, String[] values) implements TableColumn {
        public int size() { return values.length; }
        public Object valueAt(int row) { return values[row]; }
    }
}
