package dev.streamtts.pipeline;

import java.time.Duration;

/**
 * The pipeline's time: every timestamp the reader, the backlog, the stages and the metrics take, and the
 * lag check's timer. One clock for all of them, so that ages and latencies compare. The product runs on
 * {@link #SYSTEM}; tests move a clock by hand, so that catch-up and lag decisions run without sleeping.
 * Waiting for another thread (joins, the audio device) stays in real time: those are not decisions.
 */
interface Clock {
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(d.toMillis());
        }
    };

    /** Now, in nanoseconds from an arbitrary origin, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Waits until this clock has moved on by {@code d}, or the thread is interrupted. */
    void sleep(Duration d) throws InterruptedException;
}
