package dev.streamtts.pipeline;

import java.util.concurrent.LinkedBlockingDeque;

/**
 * Sentences waiting for translation and speech. Unbounded on purpose: the reader must never block,
 * or Claude (the writer on the other end of the pipe) would stall behind a slow voice. Text is small;
 * what grows is the delay, which {@link Lag} reports and, under {@link BacklogPolicy#CATCH_UP},
 * {@link CatchUp} cuts.
 */
final class Backlog {
    private static final Sentence END = new Sentence(-1, "", 0, 0);

    private final LinkedBlockingDeque<Sentence> queue = new LinkedBlockingDeque<>();
    private final CatchUp catchUp;
    private final Lag lag;

    Backlog(CatchUp catchUp, Lag lag) {
        this.catchUp = catchUp;
        this.lag = lag;
    }

    /** Never blocks. */
    void add(Sentence sentence) {
        lag.entered(sentence);
        queue.addLast(sentence);
    }

    void close() {
        queue.addLast(END);
    }

    /**
     * Waits for the next sentence that is not too old to speak; null at the end. One at a time: with
     * dynamically quantized models, sentences translated in one batch change each other's results, and
     * the same text must always be spoken the same way.
     */
    Sentence take() throws InterruptedException {
        while (true) {
            Sentence s = queue.takeFirst();
            if (s == END) {
                queue.addFirst(END);
                return null;
            }
            if (!catchUp.stale(s)) {
                return s;
            }
            skipStale(s);
        }
    }

    private void skipStale(Sentence s) {
        int[] skipped = new int[2]; // prose and summary, activity
        count(s, skipped);
        // Take every other stale sentence now, so they are counted together.
        for (Sentence next = queue.peekFirst(); next != null && next != END && catchUp.stale(next);
             next = queue.peekFirst()) {
            count(queue.pollFirst(), skipped);
        }
        catchUp.skipped(skipped[0], skipped[1]);
    }

    private void count(Sentence s, int[] skipped) {
        lag.left(s);
        skipped[s.kind() == Sentence.Kind.ACTIVITY ? 1 : 0]++;
    }
}
