package dev.streamtts.pipeline;

import java.util.Arrays;

/** A growing set of durations with percentiles. Thread-safe; 8 bytes a sample. */
final class Latencies {
    private long[] nanos = new long[256];
    private int count;

    synchronized void add(long durationNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = Math.max(0, durationNanos);
    }

    synchronized int count() {
        return count;
    }

    /** The p-th percentile (0–100) in milliseconds, nearest-rank; NaN when empty. */
    synchronized double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }
}
