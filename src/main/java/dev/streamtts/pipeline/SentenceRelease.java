package dev.streamtts.pipeline;

/**
 * Numbers sentences in speaking order and puts them into the backlog. Prose and activity come from the
 * reader thread, activity also from the timer that ends a burst; the lock keeps numbers and order one, and
 * nothing is added once the backlog is closed.
 */
final class SentenceRelease {
    private final Backlog backlog;
    private final Metrics metrics;
    private long seq;
    private boolean closed;

    SentenceRelease(Backlog backlog, Metrics metrics) {
        this.backlog = backlog;
        this.metrics = metrics;
    }

    synchronized void release(Sentence.Kind kind, String text, long lastInputNanos, long nowNanos) {
        if (closed) {
            return;
        }
        metrics.countSentence(kind);
        backlog.add(new Sentence(++seq, text, lastInputNanos, nowNanos, kind));
    }

    Backlog backlog() {
        return backlog;
    }

    synchronized void close() {
        closed = true;
        backlog.close();
    }
}
