package dev.streamtts.pipeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A bounded hand-over between two stage threads that can also say "no more": {@link #take()} returns
 * null once the producer has called {@link #close()} and everything before it was taken.
 */
final class Channel<T> {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;

    Channel(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void put(T item) throws InterruptedException {
        queue.put(item);
    }

    void close() throws InterruptedException {
        queue.put(END);
    }

    /** The next item, or null at the end. */
    @SuppressWarnings("unchecked")
    T take() throws InterruptedException {
        Object o = queue.take();
        if (o == END) {
            queue.put(END); // stays visible to any later take
            return null;
        }
        return (T) o;
    }
}
