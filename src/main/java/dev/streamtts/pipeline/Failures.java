package dev.streamtts.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports sentences that could not be translated, spoken or played. The first failure of a kind is
 * logged in full; the same failure again is counted and mentioned at 10, 100, 1000, … times and in a
 * last line at the end, so a model that fails on every sentence gives a handful of lines, not thousands.
 */
final class Failures {
    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    private final Metrics metrics;
    private final Map<Kind, AtomicLong> counts = new ConcurrentHashMap<>();

    private record Kind(String what, String reason) {
    }

    Failures(Metrics metrics) {
        this.metrics = metrics;
    }

    /**
     * @param what   what failed, as a verb phrase: "could not speak"
     * @param text   the sentence as it was to be said
     * @return true when this failure was logged (the first of its kind, or its 10th, 100th, …)
     */
    boolean report(String what, Sentence sentence, String text, Exception e) {
        metrics.countFailure();
        String reason = String.valueOf(e.getMessage());
        long n = counts.computeIfAbsent(new Kind(what, reason), k -> new AtomicLong()).incrementAndGet();
        if (n == 1) {
            log.warn("{} sentence {} (\"{}\"): {}; skipped", what, sentence.seq(), Texts.abbreviate(text), reason);
            log.debug("failure", e);
            return true;
        }
        if (powerOfTen(n)) {
            log.warn("{} {} sentences so far, each time: {}", what, n, reason);
            return true;
        }
        return false;
    }

    /** At the end of the run: one line for each repeated failure not already reported with its total. */
    int summarize() {
        int lines = 0;
        for (var entry : counts.entrySet()) {
            long n = entry.getValue().get();
            if (n > 1 && !powerOfTen(n)) {
                log.warn("{} {} sentences in all, each time: {}", entry.getKey().what(), n, entry.getKey().reason());
                lines++;
            }
        }
        return lines;
    }

    private static boolean powerOfTen(long n) {
        while (n >= 10 && n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
    }
}
