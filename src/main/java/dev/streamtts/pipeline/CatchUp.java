package dev.streamtts.pipeline;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catch-up policy, applied at every stage a sentence passes (before translating, before
 * synthesizing, before playing), so that under {@code backlog: catch-up} no sentence starts playing more
 * than {@code catch_up_after_s} after its text was complete. Activity phrases go first, under either
 * policy: one that could not start within {@link #ACTIVITY_MAX_AGE_NANOS} is old news. Skips are counted
 * and logged together.
 */
final class CatchUp {
    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** "Reading README.md" is worth saying while it is still what the agent does. */
    static final long ACTIVITY_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final boolean on;
    private final long maxAgeNanos;
    private final Metrics metrics;
    private final Clock clock;
    private int unreported;
    private int unreportedActivity;
    private long lastLog = Long.MIN_VALUE;

    CatchUp(BacklogPolicy policy, long maxAgeNanos, Metrics metrics, Clock clock) {
        this.on = policy == BacklogPolicy.CATCH_UP;
        this.maxAgeNanos = maxAgeNanos;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** True when the sentence has waited too long and is to be skipped (the caller then skips it). */
    boolean stale(Sentence s) {
        long age = clock.nanoTime() - s.readyNanos();
        return s.kind() == Sentence.Kind.ACTIVITY ? age > ACTIVITY_MAX_AGE_NANOS : on && age > maxAgeNanos;
    }

    /** Counts one skipped sentence; logs at most every few seconds. */
    void skipped(Sentence s) {
        boolean activity = s.kind() == Sentence.Kind.ACTIVITY;
        skipped(activity ? 0 : 1, activity ? 1 : 0);
    }

    /** Counts skipped sentences and activity phrases; logs at most every few seconds. */
    synchronized void skipped(int n, int activity) {
        metrics.countCaughtUp(n);
        metrics.countActivityDropped(activity);
        unreported += n;
        unreportedActivity += activity;
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
        if (unreportedActivity > 0) {
            log.info("speech is behind: dropped {} activity phrase{} (they are said only while current)",
                    unreportedActivity, unreportedActivity == 1 ? "" : "s");
            unreportedActivity = 0;
            lastLog = now;
        }
        if (unreported == 0) {
            return;
        }
        log.warn("speech fell over {} s behind: skipped {} sentence{} to catch up (backlog: catch-up)",
                TimeUnit.NANOSECONDS.toSeconds(maxAgeNanos), unreported, unreported == 1 ? "" : "s");
        unreported = 0;
        lastLog = now;
    }
}
