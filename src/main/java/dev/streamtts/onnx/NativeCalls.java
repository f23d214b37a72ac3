package dev.streamtts.onnx;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A gate around calls into ONNX Runtime (session creation, runs, closing). At exit the JVM runs the
 * native libraries' static destructors; a thread still inside {@code OrtSession.run} then crashes the
 * process (SIGSEGV, exit 134, an hs_err file). The shutdown path {@link #closeGate closes the gate}:
 * it waits for the calls in progress to return and lets no new one start, so the process exits only
 * while no thread is inside the native code.
 */
public final class NativeCalls {
    private static final Gate GATE = new Gate();

    /** A native call that may throw the checked exception {@code E}. */
    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T call() throws E;
    }

    private NativeCalls() {
    }

    /** Runs {@code call} inside the gate; after {@link #closeGate} it blocks until the process exits. */
    public static <T, E extends Exception> T run(Call<T, E> call) throws E {
        return GATE.run(call);
    }

    /**
     * For the exit path only: waits up to {@code timeout} for the native calls in progress, then keeps
     * every later one out for good. Returns false when a call was still running at the deadline.
     */
    public static boolean closeGate(Duration timeout) {
        return GATE.close(timeout);
    }

    /** The process has one; tests make their own. */
    static final class Gate {
        /** Fair: once the exit path waits, later calls queue behind it instead of starving it. */
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

        <T, E extends Exception> T run(Call<T, E> call) throws E {
            lock.readLock().lock();
            try {
                return call.call();
            } finally {
                lock.readLock().unlock();
            }
        }

        boolean close(Duration timeout) {
            try {
                return lock.writeLock().tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
