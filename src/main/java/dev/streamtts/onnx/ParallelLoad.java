package dev.streamtts.onnx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Loads two models at the same time, so that start-up waits for the slower of them rather than for both
 * in turn (ONNX Runtime creates sessions on several threads safely). When one fails, the other is closed
 * once it has loaded, and the first failure is thrown as it was.
 */
public final class ParallelLoad {

    /** What loads one model; it may fail with {@code E1} or {@code E2} (the same type, often). */
    @FunctionalInterface
    public interface Load<T extends AutoCloseable, E1 extends Exception, E2 extends Exception> {
        T load() throws E1, E2;
    }

    /** Both models, loaded. */
    public record Pair<A extends AutoCloseable, B extends AutoCloseable>(A first, B second) {
    }

    private ParallelLoad() {
    }

    /** Loads {@code second} on a thread of its own while {@code first} loads on the caller's. */
    public static <A extends AutoCloseable, B extends AutoCloseable, E1 extends Exception, E2 extends Exception>
            Pair<A, B> both(Load<A, E1, E2> first, Load<B, E1, E2> second) throws E1, E2 {
        CompletableFuture<B> other = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                other.complete(second.load());
            } catch (Throwable e) {
                other.completeExceptionally(e);
            }
        }, "stream-tts-load");
        t.setDaemon(true);
        t.start();
        A a;
        try {
            a = first.load();
        } catch (Exception | Error e) {
            other.thenAccept(ParallelLoad::closeQuietly);
            throw e;
        }
        try {
            return new Pair<>(a, ParallelLoad.<B, E1, E2>join(other));
        } catch (Exception | Error e) {
            closeQuietly(a);
            throw e;
        }
    }

    @SuppressWarnings("unchecked") // the loads throw only E1 and E2 (checked) or unchecked exceptions
    private static <B, E1 extends Exception, E2 extends Exception> B join(CompletableFuture<B> future) throws E1, E2 {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.thenAccept(ParallelLoad::closeQuietly);
            throw new IllegalStateException("interrupted while loading the models", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw (E1) cause;
        }
    }

    private static void closeQuietly(Object loaded) {
        if (loaded instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // the failure that matters is the one being thrown
            }
        }
    }
}
