package dev.streamtts.pipeline;

import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far speech is behind the text: every sentence from its release by the text stage until it was
 * played (or printed, skipped, or failed). {@link #check()} runs on a timer, so a burst of text that
 * puts speech minutes behind is reported even while no new sentence arrives.
 */
final class Lag {
    private static final Logger log = LoggerFactory.getLogger(Lag.class);
    static final long BEHIND_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final ConcurrentSkipListMap<Long, Long> pending = new ConcurrentSkipListMap<>();
    private final BacklogPolicy policy;
    private final Clock clock;
    private long lastReport = Long.MIN_VALUE;

    Lag(BacklogPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    void entered(Sentence s) {
        pending.put(s.seq(), s.readyNanos());
    }

    void left(Sentence s) {
        pending.remove(s.seq());
    }

    /** Nanoseconds the oldest sentence not yet spoken has waited; 0 when none waits. */
    long behindNanos() {
        var oldest = pending.firstEntry();
        return oldest == null ? 0 : Math.max(0, clock.nanoTime() - oldest.getValue());
    }

    /** Logs "speech is behind" when it is 10 s or more behind, at most every 15 s. Returns true if it did. */
    synchronized boolean check() {
        long now = clock.nanoTime();
        long behind = behindNanos();
        if (behind < BEHIND_NANOS || (lastReport != Long.MIN_VALUE && now - lastReport < REPORT_EVERY_NANOS)) {
            return false;
        }
        lastReport = now;
        int waiting = pending.size();
        log.info("speech is behind: {} sentence{} waiting, the oldest for {} s{}", waiting, waiting == 1 ? "" : "s",
                TimeUnit.NANOSECONDS.toSeconds(behind), policy == BacklogPolicy.SPEAK_ALL
                        ? " (all will be spoken; set pipeline.backlog: catch-up to skip old ones)" : "");
        return true;
    }
}
