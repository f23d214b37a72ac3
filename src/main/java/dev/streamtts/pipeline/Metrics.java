package dev.streamtts.pipeline;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/** Counts and per-sentence latencies of a run, filled by the stages, printed by {@code --stats}. */
public final class Metrics {
    private final AtomicLong sentences = new AtomicLong();
    private final AtomicLong translated = new AtomicLong();
    private final AtomicLong spoken = new AtomicLong();
    private final AtomicLong printed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong caughtUp = new AtomicLong();
    private final AtomicLong activity = new AtomicLong();
    private final AtomicLong activityDropped = new AtomicLong();
    private final DoubleAdder audioSeconds = new DoubleAdder();

    final Latencies queued = new Latencies();
    final Latencies translate = new Latencies();
    /** Per sentence, all its pieces. */
    final Latencies synthesize = new Latencies();
    /** Of sentences synthesized in several pieces, the first piece. */
    final Latencies firstPiece = new Latencies();
    final Latencies playWait = new Latencies();
    final Latencies endToEnd = new Latencies();

    void countSentence(Sentence.Kind kind) {
        sentences.incrementAndGet();
        if (kind == Sentence.Kind.ACTIVITY) {
            activity.incrementAndGet();
        }
    }

    void countTranslated() {
        translated.incrementAndGet();
    }

    void countFailure() {
        failed.incrementAndGet();
    }

    void countCaughtUp(int n) {
        caughtUp.addAndGet(n);
    }

    void countActivityDropped(int n) {
        activityDropped.addAndGet(n);
    }

    /** A sentence spoken to its end (its audio is counted piece by piece, with {@link #countAudio}). */
    void countSpoken() {
        spoken.incrementAndGet();
    }

    /** Audio the sink took. */
    void countAudio(double seconds) {
        audioSeconds.add(seconds);
    }

    /** Audio the sink took but that was never heard (cut off by a stop). */
    void uncountUnheard(double seconds) {
        audioSeconds.add(-Math.min(seconds, audioSeconds.sum()));
    }

    void countPrinted() {
        printed.incrementAndGet();
    }

    /** Sentences printed by --dry-run. */
    public long printed() {
        return printed.get();
    }

    public long sentences() {
        return sentences.get();
    }

    public long translated() {
        return translated.get();
    }

    public long spoken() {
        return spoken.get();
    }

    public long failed() {
        return failed.get();
    }

    public long caughtUp() {
        return caughtUp.get();
    }

    /** Phrases naming the agent's tool calls, among {@link #sentences()}. */
    public long activity() {
        return activity.get();
    }

    /** Activity phrases dropped because speech was behind (not among {@link #caughtUp()}). */
    public long activityDropped() {
        return activityDropped.get();
    }

    public double audioSeconds() {
        return audioSeconds.sum();
    }
}
