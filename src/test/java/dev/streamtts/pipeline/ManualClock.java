package dev.streamtts.pipeline;

import java.time.Duration;

/**
 * A clock that moves only when a test (or a test double standing in for slow work) moves it. Threads
 * sleeping on it wake once it has moved far enough, so a timer can be driven without waiting.
 */
final class ManualClock implements Clock {
    private long now = 1_000_000_000L; // any origin will do; not 0, which could pass for "never"
    private int sleeps;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration d) throws InterruptedException {
        long until = now + d.toNanos();
        sleeps++;
        notifyAll(); // for awaitSleeps
        while (now < until) {
            wait();
        }
    }

    synchronized void advance(Duration d) {
        now += d.toNanos();
        notifyAll();
    }

    void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    /**
     * Waits until {@code n} sleeps have begun on this clock since it was made, so that moving it then is
     * seen by the n-th one; fails after {@link Await#DEADLINE} of real time.
     */
    synchronized void awaitSleeps(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Await.DEADLINE.toNanos();
        while (sleeps < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(sleeps + " sleeps began on the clock within " + Await.DEADLINE.toSeconds()
                        + " s, not " + n);
            }
            wait(left / 1_000_000 + 1);
        }
    }
}
