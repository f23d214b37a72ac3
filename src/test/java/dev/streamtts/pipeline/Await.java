package dev.streamtts.pipeline;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting for another thread in a test: a condition that does not come true in time fails the test. */
final class Await {
    /** Real time; only a broken pipeline waits this long. */
    static final Duration DEADLINE = Duration.ofSeconds(10);

    private Await() {
    }

    /** Returns once {@code condition} holds; throws an {@link AssertionError} naming {@code what} at the deadline. */
    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + " did not happen within " + DEADLINE.toSeconds() + " s");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
