package dev.streamtts.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentences waiting for translation and speech. Unbounded on purpose: the reader must never block,
 * or Claude (the writer on the other end of the pipe) would stall behind a slow voice. Text is small;
 * what grows is the delay, so the delay is what gets reported, and under {@link BacklogPolicy#CATCH_UP}
 * what gets cut.
 */
final class Backlog {
    private static final Logger log = LoggerFactory.getLogger(Backlog.class);
    private static final Sentence END = new Sentence(-1, "", 0, 0);
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final long BEHIND_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final LinkedBlockingDeque<Sentence> queue = new LinkedBlockingDeque<>();
    private final BacklogPolicy policy;
    private final long maxAgeNanos;
    private final Metrics metrics;
    private long lastReport;

    Backlog(BacklogPolicy policy, Duration maxAge, Metrics metrics) {
        this.policy = policy;
        this.maxAgeNanos = maxAge.toNanos();
        this.metrics = metrics;
    }

    /** Never blocks. */
    void add(Sentence sentence) {
        queue.addLast(sentence);
        reportIfBehind(sentence.readyNanos());
    }

    void close() {
        queue.addLast(END);
    }

    /**
     * Waits for the next sentence and takes it together with any others already waiting, up to
     * {@code max}. Returns an empty list at the end.
     */
    List<Sentence> takeBatch(int max) throws InterruptedException {
        List<Sentence> batch = new ArrayList<>();
        while (batch.isEmpty()) {
            Sentence first = queue.takeFirst();
            if (first == END) {
                queue.addFirst(END);
                return batch;
            }
            keepUnlessStale(first, batch);
            while (batch.size() < max) {
                Sentence next = queue.pollFirst();
                if (next == null) {
                    break;
                }
                if (next == END) {
                    queue.addFirst(END);
                    break;
                }
                keepUnlessStale(next, batch);
            }
        }
        return batch;
    }

    int size() {
        return queue.size();
    }

    private void keepUnlessStale(Sentence s, List<Sentence> batch) {
        if (policy == BacklogPolicy.CATCH_UP && System.nanoTime() - s.readyNanos() > maxAgeNanos) {
            int skipped = 1;
            // Take every other stale sentence now, so the log says it once.
            while (queue.peekFirst() != null && queue.peekFirst() != END
                    && System.nanoTime() - queue.peekFirst().readyNanos() > maxAgeNanos) {
                queue.pollFirst();
                skipped++;
            }
            metrics.countCaughtUp(skipped);
            log.warn("speech fell over {} s behind: skipped {} sentence{} to catch up (backlog: catch-up)",
                    maxAgeNanos / 1_000_000_000L, skipped, skipped == 1 ? "" : "s");
            return;
        }
        batch.add(s);
    }

    private synchronized void reportIfBehind(long now) {
        Sentence oldest = queue.peekFirst();
        if (oldest == null || oldest == END) {
            return;
        }
        long behind = now - oldest.readyNanos();
        int waiting = queue.size();
        if (behind >= BEHIND_NANOS && now - lastReport >= REPORT_EVERY_NANOS) {
            lastReport = now;
            log.info("speech is behind: {} sentences waiting, the oldest for {} s{}", waiting,
                    behind / 1_000_000_000L, policy == BacklogPolicy.SPEAK_ALL
                            ? " (all will be spoken; set pipeline.backlog: catch-up to skip old ones)" : "");
        }
    }
}
