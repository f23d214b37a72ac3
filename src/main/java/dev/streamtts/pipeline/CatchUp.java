package dev.streamtts.pipeline;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catch-up policy, applied at every stage a sentence passes (before translating, before
 * synthesizing, before playing), so that under {@code backlog: catch-up} no sentence starts playing more
 * than {@code catch_up_after_s} after its text was complete. Skips are counted and logged together.
 */
final class CatchUp {
    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final boolean on;
    private final long maxAgeNanos;
    private final Metrics metrics;
    private final Clock clock;
    private int unreported;
    private long lastLog = Long.MIN_VALUE;

    CatchUp(BacklogPolicy policy, long maxAgeNanos, Metrics metrics, Clock clock) {
        this.on = policy == BacklogPolicy.CATCH_UP;
        this.maxAgeNanos = maxAgeNanos;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** True when the sentence has waited too long and is to be skipped (the caller then skips it). */
    boolean stale(Sentence s) {
        return on && clock.nanoTime() - s.readyNanos() > maxAgeNanos;
    }

    /** Counts skipped sentences; logs at most every few seconds. */
    synchronized void skipped(int n) {
        metrics.countCaughtUp(n);
        unreported += n;
        long now = clock.nanoTime();
        if (lastLog == Long.MIN_VALUE || now - lastLog >= LOG_EVERY_NANOS) {
            flush(now);
        }
    }

    /** Logs what was skipped and not yet said. */
    synchronized void flush() {
        flush(clock.nanoTime());
    }

    private void flush(long now) {
        if (unreported == 0) {
            return;
        }
        log.warn("speech fell over {} s behind: skipped {} sentence{} to catch up (backlog: catch-up)",
                TimeUnit.NANOSECONDS.toSeconds(maxAgeNanos), unreported, unreported == 1 ? "" : "s");
        unreported = 0;
        lastLog = now;
    }
}
